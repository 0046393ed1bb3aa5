package mx.recaudo.portfolio;

import mx.recaudo.identity.IdentityManagement;
import mx.recaudo.platform.SystemDatabase;
import mx.recaudo.shared.TenantContext;
import mx.recaudo.support.TestOrganizations;
import mx.recaudo.support.TestOrganizations.TestOrg;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The balance-range filter of the portfolio list answers the same customers in the same order
 * whether few customers are in the range (found through the balance index) or many (tested on each
 * row of the name order), and never shows another organization's customers.
 */
@SpringBootTest
class BalanceRangeSearchIntegrationTests {
    /** More customers than the list treats as "few in range" (5,000), so both regimes occur. */
    static final int CUSTOMERS = 6_000;

    @Autowired Portfolio portfolio;
    @Autowired IdentityManagement identity;
    @Autowired JdbcTemplate tenantJdbc;
    @Autowired @SystemDatabase JdbcClient system;
    TestOrg org;
    TestOrg other;

    @BeforeEach
    void portfolioWithBalancesFrom1To6000() {
        org = TestOrganizations.create(identity, "bal");
        other = TestOrganizations.create(identity, "bal-other");
        // Customer i owes i MXN; every tenth also owes i USD. Names run against the balance order, so the
        // name order and the balance order differ.
        insertCustomers(org.id(), CUSTOMERS);
        insertCustomers(other.id(), 50);
    }

    private void insertCustomers(UUID orgId, int count) {
        system.sql("""
                insert into customer (org_id, external_id, name, customer_type)
                select :org, 'B' || i, 'Cliente ' || lpad((:count - i)::text, 5, '0'), 'PERSON'
                  from generate_series(1, :count) i""").param("org", orgId).param("count", count).update();
        system.sql("""
                insert into customer_balance (org_id, customer_id, currency, balance, open_obligations)
                select c.org_id, c.id, 'MXN', substr(c.external_id, 2)::numeric, 1 from customer c where c.org_id = :org
                union all
                select c.org_id, c.id, 'USD', substr(c.external_id, 2)::numeric, 1 from customer c
                 where c.org_id = :org and substr(c.external_id, 2)::int % 10 = 0""").param("org", orgId).update();
    }

    @Test
    void aSparseRangeListsExactlyTheCustomersInItByName() {
        List<String> ids = externalIds(search("MXN", "5990", null, 50));
        assertThat(ids).containsExactly("B6000", "B5999", "B5998", "B5997", "B5996", "B5995", "B5994", "B5993",
                "B5992", "B5991", "B5990");
    }

    @Test
    void aDenseRangePagesThroughEveryMatchInNameOrder() {
        List<String> all = pageThrough("MXN", "100", null, 500);
        assertThat(all).hasSize(CUSTOMERS - 99);
        assertThat(all.getFirst()).isEqualTo("B6000");
        assertThat(all.getLast()).isEqualTo("B100");
    }

    @Test
    void sparseAndDenseRangesAgreeAtTheBoundary() {
        // 5,000 customers in range (few: the index path) and 5,001 (many: the name-order path).
        List<String> few = pageThrough("MXN", "1001", null, 1000);
        List<String> many = pageThrough("MXN", "1000", null, 1000);
        assertThat(few).hasSize(5_000);
        assertThat(many).hasSize(5_001);
        assertThat(many.subList(0, 5_000)).isEqualTo(few);
        assertThat(many.getLast()).isEqualTo("B1000");
    }

    @Test
    void withoutCurrencyAnyBalanceInRangeCounts() {
        List<String> ids = externalIds(search(null, "20", "30", 50));
        assertThat(ids).containsExactlyElementsOf(
                java.util.stream.IntStream.iterate(30, i -> i >= 20, i -> i - 1).mapToObj(i -> "B" + i).toList());
        assertThat(externalIds(search("USD", "20", "30", 50))).containsExactly("B30", "B20");
    }

    @Test
    void aRangeCombinesWithTheNameSearch() {
        assertThat(externalIds(search(new CustomerSearch("Cliente 0000", null, null, "USD", null, new BigDecimal("5990"),
                null, null, 50)))).isEmpty();
        assertThat(externalIds(search(new CustomerSearch("Cliente 0000", null, null, "MXN", new BigDecimal("5995"), null,
                null, null, 50)))).containsExactly("B6000", "B5999", "B5998", "B5997", "B5996", "B5995");
    }

    @Test
    void theBalanceIndexLookupSeesOnlyTheBoundOrganization() {
        Long[] ours = candidates(org.id(), "MXN", 5951, 50);
        Long[] theirs = candidates(other.id(), "MXN", 1, 50);
        assertThat(ours).hasSize(50);
        assertThat(theirs).hasSize(50).doesNotContainAnyElementsOf(Arrays.asList(ours));
        assertThat(candidates(org.id(), "MXN", 1, 10)).as("more than the limit: null, meaning many").isNull();
        assertThat(TenantContext.call(other.id(), () -> externalIds(portfolio.search(
                new CustomerSearch(null, null, null, "MXN", new BigDecimal("5990"), null, null, null, 50))))).isEmpty();
        assertThat(tenantJdbc.queryForObject("select cardinality(recaudo_balance_candidates('MXN', 1, null, 10))",
                Integer.class)).as("no organization bound: nothing").isZero();
    }

    private Long[] candidates(UUID orgId, String currency, int min, int limit) {
        return TenantContext.call(orgId, () -> {
            java.sql.Array array = tenantJdbc.queryForObject(
                    "select recaudo_balance_candidates(?, ?, null, ?)", java.sql.Array.class, currency,
                    BigDecimal.valueOf(min), limit);
            return array == null ? null : (Long[]) array.getArray();
        });
    }

    private List<String> pageThrough(String currency, String min, String max, int pageSize) {
        List<String> all = new ArrayList<>();
        CustomerPage page = search(currency, min, max, pageSize);
        all.addAll(externalIds(page));
        while (page.hasNext()) {
            CustomerSummary last = page.last();
            page = search(new CustomerSearch(null, null, null, currency, decimal(min), decimal(max), last.name(), last.id(),
                    pageSize));
            all.addAll(externalIds(page));
        }
        return all;
    }

    private CustomerPage search(String currency, String min, String max, int pageSize) {
        return search(new CustomerSearch(null, null, null, currency, decimal(min), decimal(max), null, null, pageSize));
    }

    private CustomerPage search(CustomerSearch search) {
        return TenantContext.call(org.id(), () -> portfolio.search(search));
    }

    private static BigDecimal decimal(String value) {
        return value == null ? null : new BigDecimal(value);
    }

    private static List<String> externalIds(CustomerPage page) {
        return page.items().stream().map(CustomerSummary::externalId).toList();
    }
}
