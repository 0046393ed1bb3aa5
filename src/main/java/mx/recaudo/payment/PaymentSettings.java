package mx.recaudo.payment;

/** An organization's payment settings: allocation rule, reference scheme and prefix, CLABE bank and branch. */
public record PaymentSettings(AllocationRule allocationRule, ReferenceScheme referenceScheme, String referencePrefix,
                              String clabeBank, String clabeBranch) {
    public PaymentSettings {
        if (referencePrefix == null) referencePrefix = "";
        if (!referencePrefix.matches("\\d{0,6}")) throw new IllegalArgumentException("Reference prefix: up to 6 digits");
        if (clabeBank != null && !clabeBank.matches("\\d{3}")) throw new IllegalArgumentException("CLABE bank: 3 digits");
        if (clabeBranch != null && !clabeBranch.matches("\\d{3}")) throw new IllegalArgumentException("CLABE branch: 3 digits");
    }

    public boolean issuesClabes() { return clabeBank != null && clabeBranch != null; }
}
