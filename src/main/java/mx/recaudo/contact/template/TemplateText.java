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

    /** Replaces every placeholder; HTML bodies get escaped values. */
    public static String render(String text, Map<String, String> values, boolean html) {
        if (text == null) return null;
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String v = values.getOrDefault(m.group(1), "");
            if (html) v = v.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
            m.appendReplacement(out, Matcher.quoteReplacement(v));
        }
        m.appendTail(out);
        return out.toString();
    }
}
