package mx.recaudo.portfolio.web;

import mx.recaudo.portfolio.AgingBucket;
import mx.recaudo.portfolio.CustomerPage;
import mx.recaudo.portfolio.CustomerSearch;
import mx.recaudo.portfolio.Portfolio;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

import java.math.BigDecimal;
import java.util.Locale;

/** The portfolio list (search, filters, keyset paging) and the customer 360 page. */
@Controller
class PortfolioPages {
    private final Portfolio portfolio;

    PortfolioPages(Portfolio portfolio) {
        this.portfolio = portfolio;
    }

    @GetMapping("/")
    String home() {
        return "redirect:/customers";
    }

    @GetMapping("/customers")
    String list(@RequestParam(required = false) String q, @RequestParam(required = false) String bucket,
                @RequestParam(required = false) String product, @RequestParam(required = false) String currency,
                @RequestParam(required = false) String minBalance, @RequestParam(required = false) String maxBalance,
                @RequestParam(required = false) String afterName, @RequestParam(required = false) Long afterId,
                Model model) {
        AgingBucket agingBucket = parseBucket(bucket);
        BigDecimal min = parseAmount(minBalance);
        BigDecimal max = parseAmount(maxBalance);
        boolean badInput = (bucket != null && !bucket.isBlank() && agingBucket == null)
                || (minBalance != null && !minBalance.isBlank() && min == null)
                || (maxBalance != null && !maxBalance.isBlank() && max == null);
        CustomerPage page = portfolio.search(new CustomerSearch(q, agingBucket, product, currency, min, max,
                afterName, afterId, 50));
        model.addAttribute("page", page);
        model.addAttribute("q", q);
        model.addAttribute("bucket", agingBucket);
        model.addAttribute("product", product);
        model.addAttribute("currency", currency);
        model.addAttribute("minBalance", minBalance);
        model.addAttribute("maxBalance", maxBalance);
        model.addAttribute("buckets", AgingBucket.values());
        model.addAttribute("products", portfolio.products());
        model.addAttribute("badInput", badInput);
        model.addAttribute("continued", afterId != null);
        return "customers/list";
    }

    @GetMapping("/customers/{id}")
    String customer(@PathVariable long id, Model model) {
        model.addAttribute("c", portfolio.customer(id)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND)));
        return "customers/detail";
    }

    private static AgingBucket parseBucket(String bucket) {
        if (bucket == null || bucket.isBlank()) return null;
        try {
            return AgingBucket.valueOf(bucket.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static BigDecimal parseAmount(String text) {
        if (text == null || text.isBlank()) return null;
        try {
            return new BigDecimal(text.strip().replace(",", "").replace("$", ""));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
