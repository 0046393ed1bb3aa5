package mx.recaudo.portfolio;

import java.math.BigDecimal;

/**
 * What to look for in the portfolio list. All fields optional. {@code query} matches name (part),
 * RFC (prefix), external id (exact) or phone. Balance range applies to {@code currency}.
 * {@code afterName}/{@code afterId} continue after the last row of the previous page.
 */
public record CustomerSearch(String query, AgingBucket bucket, String product, String currency, BigDecimal minBalance,
                             BigDecimal maxBalance, String afterName, Long afterId, int pageSize) {
    public CustomerSearch {
        if (pageSize <= 0 || pageSize > 500) pageSize = 50;
        if (query != null && query.isBlank()) query = null;
        if (product != null && product.isBlank()) product = null;
        if (currency != null && currency.isBlank()) currency = null;
    }

    public static CustomerSearch firstPage(String query) {
        return new CustomerSearch(query, null, null, null, null, null, null, null, 50);
    }
}
