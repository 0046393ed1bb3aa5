package mx.recaudo.platform;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.flyway.FlywayConfigurationCustomizer;
import org.springframework.boot.autoconfigure.flyway.FlywayDataSource;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.util.Map;

/**
 * One connection pool, seen through two doors: the tenant data source (primary, row-level
 * security applies) and the system data source (schema owner: migrations, log-in lookups, job
 * claiming across organizations).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RecaudoProperties.class)
class DatabaseConfiguration {

    /** Holds the pool (and the embedded server, when there is one) so both close on shutdown. */
    static final class ConnectionPool implements AutoCloseable {
        final HikariDataSource hikari;
        private final EmbeddedDatabase embedded;

        ConnectionPool(HikariDataSource hikari, EmbeddedDatabase embedded) {
            this.hikari = hikari;
            this.embedded = embedded;
        }

        @Override
        public void close() throws Exception {
            hikari.close();
            if (embedded != null) embedded.close();
        }
    }

    @Bean(destroyMethod = "close")
    ConnectionPool connectionPool(RecaudoProperties properties) {
        RecaudoProperties.Db db = properties.db();
        EmbeddedDatabase embedded = null;
        HikariConfig config = new HikariConfig();
        if (db.external()) {
            config.setJdbcUrl(db.url());
            config.setUsername(db.user());
            config.setPassword(db.password());
        } else {
            embedded = EmbeddedDatabase.start(Path.of(properties.dataDir()));
            config.setJdbcUrl(embedded.jdbcUrl());
            config.setUsername("postgres");
        }
        config.setPoolName("recaudo");
        config.setMaximumPoolSize(db.poolSize());
        config.setMinimumIdle(Math.min(2, db.poolSize())); // several nodes share one PostgreSQL: do not hoard idle connections
        config.setAutoCommit(true);
        config.addDataSourceProperty("reWriteBatchedInserts", "true");
        config.addDataSourceProperty("ApplicationName", "recaudo");
        return new ConnectionPool(new HikariDataSource(config), embedded);
    }

    @Bean
    @Primary
    DataSource dataSource(ConnectionPool pool, RecaudoProperties properties) {
        return RoleSwitchingDataSource.tenant(pool.hikari, properties.db().appRole());
    }

    @Bean
    @FlywayDataSource
    @SystemDatabase
    DataSource systemDataSource(ConnectionPool pool) {
        return RoleSwitchingDataSource.system(pool.hikari);
    }

    @Bean
    FlywayConfigurationCustomizer flywayPlaceholders(RecaudoProperties properties) {
        return flyway -> flyway.placeholders(Map.of("appRole", properties.db().appRole()));
    }

    @Bean
    @Primary
    PlatformTransactionManager transactionManager(DataSource dataSource) {
        return new DataSourceTransactionManager(dataSource);
    }

    @Bean
    @Primary
    JdbcTemplate jdbcTemplate(DataSource dataSource) {
        return new JdbcTemplate(dataSource);
    }

    @Bean
    @Primary
    JdbcClient jdbcClient(DataSource dataSource) {
        return JdbcClient.create(dataSource);
    }

    @Bean
    @SystemDatabase
    JdbcClient systemJdbcClient(@SystemDatabase DataSource systemDataSource) {
        return JdbcClient.create(systemDataSource);
    }

    @Bean
    @SystemDatabase
    TransactionTemplate systemTransactions(@SystemDatabase DataSource systemDataSource) {
        return new TransactionTemplate(new DataSourceTransactionManager(systemDataSource));
    }

    @Bean
    @Primary
    TransactionTemplate transactionTemplate(PlatformTransactionManager transactionManager) {
        return new TransactionTemplate(transactionManager);
    }
}
