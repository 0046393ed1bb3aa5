package mx.recaudo.contact.template;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Template text with {@code {{variable}}} placeholders. */
public final class TemplateText {
    /** The variables a template may use. */
    public static final Set<String> VARIABLES = Set.of("firstName", "fullName", "amountDue", "dueDate", "asOfDate",
            "paymentLink", "reference", "contract", "company", "companyContact", "creditor", "agent", "settleConditions",
            "complaintsUnit", "paymentsOnlyToCreditor", "optOutLine");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z]+)\\s*}}");

    private TemplateText() {}

    public static Set<String> variables(String text) {
        Set<String> found = new LinkedHashSet<>();
        Matcher m = PLACEHOLDER.matcher(text == null ? "" : text);
        while (m.find()) found.add(m.group(1));
        return found;
    }

    public static Set<String> unknownVariables(String text) {
        Set<String> unknown = new LinkedHashSet<>(variables(text));
        unknown.removeAll(VARIABLES);
        return unknown;
    }

    /**
     * Replaces every placeholder; HTML bodies get escaped values. A value ending in a period followed
     * by the template's own period ("{{creditor}}." with "E.N.R.") keeps one period, not two.
     */
    public static String render(String text, Map<String, String> values, boolean html) {
        if (text == null) return null;
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        int at = 0;
        while (m.find(at)) {
            out.append(text, at, m.start());
            String v = values.getOrDefault(m.group(1), "");
            if (html) v = v.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
            out.append(v);
            at = m.end();
            // a value that ends a sentence itself ("S.A. de C.V., SOFOM, E.N.R.") takes the template's period
            if (v.endsWith(".") && !v.endsWith("..") && at < text.length() && text.charAt(at) == '.'
                    && (at + 1 >= text.length() || text.charAt(at + 1) != '.')) {
                at++;
            }
        }
        out.append(text, at, text.length());
        return out.toString();
    }
}
