package mx.recaudo.identity;

import mx.recaudo.platform.RecaudoProperties;
import mx.recaudo.shared.TenantContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.List;

/**
 * First start: when no organization exists (and not in demo mode, which brings its own), creates one
 * with an administrator whose random password is printed once and kept in the data folder. When
 * RECAUDO_BOOTSTRAP_TOKEN is set, makes sure the first organization's administrator has that API token.
 */
@Component
@Order(20)
class StartupAccounts implements ApplicationRunner {
    private static final Logger log = LoggerFactory.getLogger(StartupAccounts.class);
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789";
    private final IdentityManagement identity;
    private final RecaudoProperties properties;

    private final String cliCommand;

    StartupAccounts(IdentityManagement identity, RecaudoProperties properties,
                    @org.springframework.beans.factory.annotation.Value("${recaudo.cli.command:}") String cliCommand) {
        this.identity = identity;
        this.properties = properties;
        this.cliCommand = cliCommand;
    }

    @Override
    public void run(ApplicationArguments args) throws IOException {
        if (!cliCommand.isBlank()) return;
        List<Organization> orgs = identity.organizations();
        if (orgs.isEmpty() && !properties.demo()) {
            Organization org = identity.createOrganization("default", "Mi organización", "Mi organización",
                    null, "MXN", "America/Mexico_City");
            String password = randomPassword();
            TenantContext.run(org.id(), () -> identity.createUser("admin", "Administrador", password, Role.ADMIN));
            Path file = Path.of(properties.dataDir()).resolve("admin-credentials.txt");
            Files.createDirectories(file.getParent());
            Files.writeString(file, "admin / " + password + System.lineSeparator());
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system
            }
            log.info("First start: organization 'default' created. Log in as admin / {} (also in {})", password, file);
        }
        issueBootstrapToken();
    }

    private void issueBootstrapToken() {
        String token = properties.bootstrapToken();
        if (token == null || token.isBlank()) return;
        List<Organization> orgs = identity.organizations();
        if (orgs.isEmpty()) return;
        Organization org = orgs.getFirst();
        TenantContext.run(org.id(), () -> identity.firstAdmin().ifPresent(admin -> {
            if (identity.findUserByToken(token).isEmpty()) {
                identity.issueApiToken(admin, "bootstrap", token);
                log.info("API token from RECAUDO_BOOTSTRAP_TOKEN registered for the administrator of '{}'", org.slug());
            }
        }));
    }

    static String randomPassword() {
        SecureRandom random = new SecureRandom();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 16; i++) sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        return sb.toString();
    }
}
