package mx.recaudo.platform;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Currency;
import java.util.Locale;

/** Formatting for pages ({@code @fmt} in templates): money in its currency, dates, in the reader's locale. */
@Component("fmt")
public class Formats {
    public String money(BigDecimal amount, String currency) {
        if (amount == null) return "—";
        Locale locale = LocaleContextHolder.getLocale();
        NumberFormat format = NumberFormat.getCurrencyInstance(locale);
        try {
            Currency c = Currency.getInstance(currency);
            format.setCurrency(c);
            format.setMinimumFractionDigits(c.getDefaultFractionDigits());
            format.setMaximumFractionDigits(Math.max(2, c.getDefaultFractionDigits()));
        } catch (IllegalArgumentException | NullPointerException e) {
            return amount.toPlainString() + " " + currency;
        }
        String text = format.format(amount);
        // es-MX writes every currency as "$"; name foreign ones so MXN and USD never look alike.
        String symbol = format.getCurrency().getSymbol(locale);
        if ("$".equals(symbol) && !isHomeCurrency(currency, locale)) text = text + " " + currency;
        return text;
    }

    /** E.164 as people read it: {@code +52 55 1234 5678}. */
    public String phone(String e164) {
        if (e164 == null || !e164.startsWith("+")) return e164;
        try {
            var util = com.google.i18n.phonenumbers.PhoneNumberUtil.getInstance();
            return util.format(util.parse(e164, "MX"),
                    com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat.INTERNATIONAL);
        } catch (com.google.i18n.phonenumbers.NumberParseException e) {
            return e164;
        }
    }

    public String date(LocalDate date) {
        if (date == null) return "—";
        return date.format(DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(LocaleContextHolder.getLocale()));
    }

    public String integer(long n) {
        return NumberFormat.getIntegerInstance(LocaleContextHolder.getLocale()).format(n);
    }

    public String bytes(long n) {
        if (n < 1024) return n + " B";
        if (n < 1024 * 1024) return String.format(LocaleContextHolder.getLocale(), "%.1f KB", n / 1024.0);
        return String.format(LocaleContextHolder.getLocale(), "%.1f MB", n / (1024.0 * 1024));
    }

    public boolean english() {
        return "en".equals(LocaleContextHolder.getLocale().getLanguage());
    }

    private static boolean isHomeCurrency(String currency, Locale locale) {
        return "MX".equals(locale.getCountry()) ? "MXN".equals(currency)
                : locale.getCountry().isEmpty() ? false
                : currency.equals(Currency.getInstance(locale).getCurrencyCode());
    }
}
