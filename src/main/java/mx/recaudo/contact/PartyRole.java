package mx.recaudo.contact;

/**
 * Who a contact point reaches (MX-07). Only the debtor, co-signers (aval) and joint obligors
 * (obligado solidario) may receive collection messages; personal references, beneficiaries and
 * minors never do.
 */
public enum PartyRole {
    DEBTOR, COSIGNER, JOINT_OBLIGOR, REFERENCE, BENEFICIARY, MINOR;

    public boolean mayReceiveCollectionMessages() {
        return this == DEBTOR || this == COSIGNER || this == JOINT_OBLIGOR;
    }
}
