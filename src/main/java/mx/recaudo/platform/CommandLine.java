package mx.recaudo.platform;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The launcher's sub-commands, turned into Spring properties. */
public record CommandLine(String command, Map<String, Object> properties, String[] springArgs, String error) {
    public static final String USAGE = """
            Usage: recaudo [serve | demo | import --file FILE [--mode UPSERT|SNAPSHOT] [--mapping NAME|JSON] [--org SLUG]
                                   | run [--as-of YYYY-MM-DD] [--dry-run] [--org SLUG]]
              serve   web UI and REST API (default)
              demo    the same, with a demo organization and a synthetic Mexican portfolio
              import  imports a CSV, XLSX or CFDI zip and exits (exit code 0 done, 2 file unusable, 1 error)
              run     the daily collection run for an as-of date (default: today in the organization's zone)""";

    public static CommandLine parse(String[] args) {
        List<String> rest = new ArrayList<>();
        Map<String, Object> props = new HashMap<>();
        String command = "serve";
        int i = 0;
        if (args.length > 0 && !args[0].startsWith("-")) {
            command = args[0];
            i = 1;
        }
        String error = null;
        switch (command) {
            case "serve" -> { }
            case "demo" -> props.put("recaudo.demo", "true");
            case "import", "run" -> {
                props.put("recaudo.workers.enabled", "false");
                props.put("recaudo.cli.command", command);
                List<String> valued = command.equals("import")
                        ? List.of("file", "mode", "mapping", "org") : List.of("as-of", "org");
                for (; i < args.length; i++) {
                    String a = args[i];
                    String name = a.startsWith("--") ? a.substring(2) : "";
                    int eq = name.indexOf('=');
                    if (eq > 0 && valued.contains(name.substring(0, eq))) {
                        props.put("recaudo.cli." + name.substring(0, eq), name.substring(eq + 1));
                    } else if (valued.contains(name) && i + 1 < args.length) {
                        props.put("recaudo.cli." + name, args[++i]);
                    } else if (command.equals("run") && name.equals("dry-run")) {
                        props.put("recaudo.cli.dry-run", "true");
                    } else {
                        rest.add(a);
                    }
                }
                if (command.equals("import") && !props.containsKey("recaudo.cli.file")) error = "import needs --file FILE";
                return new CommandLine(command, props, rest.toArray(String[]::new), error);
            }
            default -> {
                if (command.startsWith("-")) break;
                error = "Unknown command: " + command;
            }
        }
        for (; i < args.length; i++) rest.add(args[i]);
        return new CommandLine(command, props, rest.toArray(String[]::new), error);
    }

    public boolean web() {
        return !"import".equals(command) && !"run".equals(command);
    }
}
