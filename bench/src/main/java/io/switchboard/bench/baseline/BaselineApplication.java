package io.switchboard.bench.baseline;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * The ingest baseline: the same server stack as the platform (Spring Boot, Spring MVC on Tomcat, HikariCP, the
 * PostgreSQL driver, same pool size and JVM options), answering 200 after one plain INSERT of the body with a
 * unique key, on the same PostgreSQL. Everything the platform does beyond that is what the ratio measures.
 */
@SpringBootApplication
@RestController
public class BaselineApplication {

    private final JdbcClient jdbc;

    BaselineApplication(JdbcClient jdbc) {
        this.jdbc = jdbc;
        jdbc.sql("CREATE SCHEMA IF NOT EXISTS baseline").update();
        jdbc.sql("""
                CREATE TABLE IF NOT EXISTS baseline.deliveries (
                    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                    dedupe_key text NOT NULL UNIQUE,
                    body bytea NOT NULL,
                    received_at timestamptz NOT NULL DEFAULT now())""").update();
    }

    public static void main(String[] args) {
        SpringApplication.run(BaselineApplication.class, args);
    }

    /** Same path shape as {@code /webhooks/{tenant}/{provider}}; the signature header is the unique key. */
    @PostMapping("/baseline/{tenant}/{provider}")
    ResponseEntity<String> receive(@PathVariable String tenant, @PathVariable String provider,
            @RequestHeader("Stripe-Signature") String signature, @RequestBody byte[] body) {
        jdbc.sql("INSERT INTO baseline.deliveries (dedupe_key, body) VALUES (?, ?)").params(signature, body).update();
        return ResponseEntity.ok("{\"received\":true}");
    }
}
