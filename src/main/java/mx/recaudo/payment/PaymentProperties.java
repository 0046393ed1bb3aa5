package mx.recaudo.payment;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Defaults of the payment settings, for organizations that have not set their own
 * ({@code recaudo.payments.*}). Bank and branch of virtual CLABEs have no default: an organization
 * sets them before CLABEs are handed out.
 */
@ConfigurationProperties("recaudo.payments")
public record PaymentProperties(String allocationRule, String referenceScheme, String referencePrefix,
                                String clabeBank, String clabeBranch, Integer bankFileBatchSize,
                                Integer bankFilePartitions) {
    public PaymentProperties {
        if (allocationRule == null || allocationRule.isBlank()) allocationRule = "OLDEST_DUE_FIRST";
        if (referenceScheme == null || referenceScheme.isBlank()) referenceScheme = "MOD10_LUHN";
        if (referencePrefix == null) referencePrefix = "";
        if (bankFileBatchSize == null || bankFileBatchSize <= 0) bankFileBatchSize = 20_000;
        if (bankFilePartitions == null || bankFilePartitions <= 0) bankFilePartitions = 2;
    }
}
