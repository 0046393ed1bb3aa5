package mx.recaudo.web;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every message key a page names exists in Spanish and in English, so no page ever shows "??key_es_MX??". */
class MessageBundleTests {
    private static final Path TEMPLATES = Path.of("src/main/resources/templates");
    private static final Path BUNDLES = Path.of("src/main/resources/i18n");
    // #{key} and #{key(args)}; keys computed at run time (#{'prefix.' + ${x}}) start with a quote and are skipped
    private static final Pattern KEY = Pattern.compile("#\\{([A-Za-z][A-Za-z0-9_.-]*)");

    @Test
    void everyKeyATemplateUsesIsInTheSpanishAndEnglishBundles() throws IOException {
        Set<String> used = keysUsedByTemplates();
        Set<String> spanish = keys(false);
        Set<String> english = keys(true);

        assertThat(used).isNotEmpty();
        assertThat(missing(used, spanish)).as("keys missing from the Spanish bundles").isEmpty();
        assertThat(missing(used, english)).as("keys missing from the English bundles").isEmpty();
    }

    @Test
    void theSpanishAndEnglishBundlesHaveTheSameKeys() throws IOException {
        assertThat(missing(keys(false), keys(true))).as("in Spanish only").isEmpty();
        assertThat(missing(keys(true), keys(false))).as("in English only").isEmpty();
    }

    private static Set<String> missing(Set<String> wanted, Set<String> present) {
        Set<String> result = new TreeSet<>(wanted);
        result.removeAll(present);
        return result;
    }

    private static Set<String> keysUsedByTemplates() throws IOException {
        Set<String> keys = new TreeSet<>();
        try (Stream<Path> files = Files.walk(TEMPLATES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".html")).toList()) {
                Matcher m = KEY.matcher(Files.readString(file, StandardCharsets.UTF_8));
                while (m.find()) keys.add(m.group(1));
            }
        }
        return keys;
    }

    private static Set<String> keys(boolean english) throws IOException {
        Set<String> keys = new TreeSet<>();
        try (Stream<Path> files = Files.list(BUNDLES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".properties")
                    && f.getFileName().toString().endsWith("_en.properties") == english).toList()) {
                Properties p = new Properties();
                try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    p.load(r);
                }
                keys.addAll(p.stringPropertyNames());
            }
        }
        return keys;
    }
}
