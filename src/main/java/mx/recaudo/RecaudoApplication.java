package mx.recaudo;

import mx.recaudo.platform.CommandLine;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Recaudo's entry point. {@code serve} (the default) runs the web UI and API; {@code demo} does the
 * same with a demo organization and portfolio; {@code import --file …} imports a file and exits.
 */
@SpringBootApplication
public class RecaudoApplication {
    public static void main(String[] args) {
        CommandLine command = CommandLine.parse(args);
        if (command.error() != null) {
            System.err.println(command.error());
            System.err.println(CommandLine.USAGE);
            System.exit(64);
        }
        SpringApplication app = new SpringApplication(RecaudoApplication.class);
        app.setDefaultProperties(command.properties());
        if (!command.web()) app.setWebApplicationType(org.springframework.boot.WebApplicationType.NONE);
        var context = app.run(command.springArgs());
        if (!command.web()) {
            System.exit(SpringApplication.exit(context));
        }
    }
}
