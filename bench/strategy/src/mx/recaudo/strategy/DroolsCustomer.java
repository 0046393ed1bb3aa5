package mx.recaudo.strategy;

import mx.recaudo.segmentation.ContactChannel;
import mx.recaudo.segmentation.CustomerFacts;

import java.math.BigDecimal;
import java.util.Set;

/** The customer as a Drools fact: the same attributes the rules read, and the decision the rules write back. */
public final class DroolsCustomer {
    private final long dpd;
    private final BigDecimal owedMxn;
    private final BigDecimal owedUsd;
    private final Integer tenure;
    private final Set<String> products;
    private final Set<String> kinds;
    private final String state;
    private final boolean phone, email, whatsapp, address;
    private final int lateCount, brokenPromises;
    private final String variant;
    private String segment;
    private String stepKey;
    private String action;

    public DroolsCustomer(CustomerFacts f, String variant) {
        dpd = f.dpd();
        owedMxn = f.owedIn("MXN");
        owedUsd = f.owedIn("USD");
        tenure = f.tenureMonths();
        products = f.products();
        kinds = f.obligationKinds();
        state = f.state();
        phone = f.reachable().contains(ContactChannel.PHONE);
        email = f.reachable().contains(ContactChannel.EMAIL);
        whatsapp = f.reachable().contains(ContactChannel.WHATSAPP);
        address = f.reachable().contains(ContactChannel.ADDRESS);
        lateCount = f.lateCount();
        brokenPromises = f.brokenPromises();
        this.variant = variant;
    }

    public long getDpd() { return dpd; }
    public BigDecimal getOwedMxn() { return owedMxn; }
    public BigDecimal getOwedUsd() { return owedUsd; }
    public Integer getTenure() { return tenure; }
    public Set<String> getProducts() { return products; }
    public Set<String> getKinds() { return kinds; }
    public String getState() { return state; }
    public boolean isPhone() { return phone; }
    public boolean isEmail() { return email; }
    public boolean isWhatsapp() { return whatsapp; }
    public boolean isAddress() { return address; }
    public int getLateCount() { return lateCount; }
    public int getBrokenPromises() { return brokenPromises; }
    public String getVariant() { return variant; }
    public String getSegment() { return segment; }
    public void setSegment(String segment) { this.segment = segment; }
    public String getStepKey() { return stepKey; }
    public String getAction() { return action; }

    public void setStepKey(String stepKey) { this.stepKey = stepKey; }
    public void setAction(String action) { this.action = action; }
}
