package io.nexidentity.quickstart;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.function.Supplier;

/**
 * The local platform's state in its PostgreSQL server, for {@code ./nexid}. The secrets it generates (hash key,
 * platform credential, key-encryption keys, audit signing key) live in the server next to the data they protect
 * (database {@code nexid_local}), so every checkout that uses the server gets the keys its data was sealed with, and
 * losing {@code .run/} loses nothing. {@code ./nexid reset} drops it all.
 *
 * <p>Usage: {@code LocalState secrets <host> <port> [legacy-env-file]} prints {@code NAME=value} lines (generating
 * what is missing; a legacy {@code .run/platform-secrets.env} is taken over on first use); {@code LocalState drop <host>
 * <port> <database>...} drops the databases.
 */
public final class LocalState {

    static final String DATABASE = "nexid_local";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** The secrets, and how each is generated: 32 random bytes, as base64 (keys) or as a token (credentials). */
    private static final Map<String, Supplier<String>> SECRETS = new LinkedHashMap<>();

    static {
        SECRETS.put("NEXID_SECRETS_HASH_KEY", LocalState::token);
        SECRETS.put("NEXID_SECURITY_PLATFORM_CREDENTIAL", LocalState::token);
        SECRETS.put("NEXID_TOKEN_KEYS_ENCRYPTION_KEY", LocalState::key);
        SECRETS.put("NEXID_WEBHOOKS_SECRET_ENCRYPTION_KEY", LocalState::key);
        SECRETS.put("NEXID_AUDIT_HEAD_SIGNING_KEY", LocalState::key);
    }

    private LocalState() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            throw new IllegalArgumentException("usage: LocalState secrets|drop <host> <port> [...]");
        }
        switch (args[0]) {
            case "secrets" -> secrets(args[1], args[2], args.length > 3 ? Path.of(args[3]) : null);
            case "drop" -> drop(args[1], args[2], Arrays.copyOfRange(args, 3, args.length));
            default -> throw new IllegalArgumentException("unknown command " + args[0]);
        }
    }

    private static void secrets(String host, String port, Path legacy) throws Exception {
        var imported = new Properties();
        if (legacy != null && Files.isRegularFile(legacy)) {
            try (var in = Files.newBufferedReader(legacy)) {
                imported.load(in);
            }
        }
        try (var server = connect(host, port, "postgres")) {
            var exists = server.prepareStatement("select 1 from pg_database where datname = ?");
            exists.setString(1, DATABASE);
            if (!exists.executeQuery().next()) {
                try {
                    server.createStatement().execute("create database " + DATABASE);
                } catch (SQLException e) {
                    // another ./nexid created it meanwhile
                }
            }
        }
        try (var local = connect(host, port, DATABASE)) {
            local.createStatement().execute("""
                    create table if not exists platform_secret (
                        name       text primary key,
                        value      text        not null,
                        created_at timestamptz not null default now())""");
            var insert = local.prepareStatement(
                    "insert into platform_secret (name, value) values (?, ?) on conflict (name) do nothing");
            for (var secret : SECRETS.entrySet()) {
                insert.setString(1, secret.getKey());
                insert.setString(
                        2,
                        imported.getProperty(secret.getKey(), secret.getValue().get()));
                insert.executeUpdate();
            }
            var rows = local.createStatement().executeQuery("select name, value from platform_secret order by name");
            while (rows.next()) {
                System.out.println(rows.getString(1) + "=" + rows.getString(2));
            }
        }
    }

    /** A new set of the platform's secrets, as environment variables (a platform of its own, e.g. the fault tests). */
    public static Map<String, String> newSecrets() {
        var fresh = new LinkedHashMap<String, String>();
        SECRETS.forEach((name, generator) -> fresh.put(name, generator.get()));
        return fresh;
    }

    private static void drop(String host, String port, String[] databases) throws Exception {
        try (var server = connect(host, port, "postgres")) {
            for (var database : databases) {
                if (!database.matches("nexid_[a-z_]+")) {
                    throw new IllegalArgumentException("not a NexIdentity database: " + database);
                }
                server.createStatement().execute("drop database if exists " + database + " with (force)");
            }
        }
    }

    private static Connection connect(String host, String port, String database) throws SQLException {
        var properties = new Properties();
        properties.setProperty("user", System.getenv().getOrDefault("NEXID_DATABASE_USER", "postgres"));
        var password = System.getenv("NEXID_DATABASE_PASSWORD");
        if (password != null) {
            properties.setProperty("password", password);
        }
        return DriverManager.getConnection("jdbc:postgresql://" + host + ":" + port + "/" + database, properties);
    }

    private static String key() {
        return Base64.getEncoder().encodeToString(random());
    }

    private static String token() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random());
    }

    private static byte[] random() {
        var bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
