package mx.recaudo.platform;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** Settings read from the environment (see the README's configuration table). */
@ConfigurationProperties("recaudo")
public record RecaudoProperties(Db db, String dataDir, String bootstrapToken, boolean demo) {
    public RecaudoProperties {
        if (db == null) db = new Db(null, null, null, null, 10);
        if (dataDir == null || dataDir.isBlank()) dataDir = "./data";
    }

    public record Db(String url, String user, String password, String appRole, int poolSize) {
        public Db {
            if (appRole == null || appRole.isBlank()) appRole = "recaudo_app";
            if (poolSize <= 0) poolSize = 10;
        }

        public boolean external() { return url != null && !url.isBlank(); }
    }
}
