package io.nexidentity.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL server of the fault tests' own, in a temporary cluster on a free port, so a test can stop and start it
 * without touching the server the rest of the suite runs on. Binaries: {@code NEXID_POSTGRES_BIN} (what {@code
 * ./nexid test} uses), else the newest under /usr/lib/postgresql. Like {@code ./nexid}, it runs them as the postgres
 * user (or nobody) when the tests run as root (initdb and postgres refuse root).
 */
final class PrivatePostgres implements AutoCloseable {

    private final Path bin;
    private final Path home;
    private final int port;

    private PrivatePostgres(Path bin, Path home, int port) {
        this.bin = bin;
        this.home = home;
        this.port = port;
    }

    /** A new cluster, started, holding {@code databases}; removed again when it cannot be started. */
    static PrivatePostgres start(int port, List<String> databases) throws Exception {
        var home = Files.createTempDirectory("nexid-fault-postgres-");
        var postgres = new PrivatePostgres(binaries(), home, port);
        try {
            postgres.owned(home);
            postgres.run(
                    "initdb", "-D", postgres.data(), "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C", "-N");
            postgres.startServer();
            try (var connection = DriverManager.getConnection(postgres.jdbcUrl("postgres"), "postgres", "")) {
                for (var database : databases) {
                    connection.createStatement().execute("create database " + database);
                }
            }
            return postgres;
        } catch (Exception | Error e) {
            postgres.close();
            throw e;
        }
    }

    int port() {
        return port;
    }

    private String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    void startServer() {
        run(
                "pg_ctl",
                "-D",
                data(),
                "-w",
                "-t",
                "60",
                "-l",
                home.resolve("postgres.log").toString(),
                "-o",
                "-h 127.0.0.1 -p " + port + " -k " + home + " -c max_connections=200 -c fsync=off",
                "start");
    }

    /** {@code pg_ctl stop -m fast}: clients are disconnected, the server shuts down cleanly. */
    void stopServer() {
        run("pg_ctl", "-D", data(), "-m", "fast", "-w", "stop");
    }

    /** Stops the server if it runs, and removes the cluster. */
    @Override
    public void close() {
        if (Files.exists(home.resolve("data").resolve("postmaster.pid"))) {
            try {
                run("pg_ctl", "-D", data(), "-m", "immediate", "-w", "stop");
            } catch (IllegalStateException e) {
                // not running after all
            }
        }
        try (Stream<Path> files = Files.walk(home)) {
            files.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String data() {
        return home.resolve("data").toString();
    }

    private void run(String program, String... args) {
        var command = new ArrayList<String>();
        if (runsAsRoot()) {
            command.addAll(List.of("runuser", "-u", serverUser(), "--"));
        }
        command.add(bin.resolve(program).toString());
        command.addAll(List.of(args));
        try {
            var process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(
                            home.resolve("commands.log").toFile()))
                    .start();
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(program + " failed, see " + home.resolve("commands.log") + " and "
                        + home.resolve("postgres.log"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void owned(Path dir) throws IOException {
        if (runsAsRoot()) {
            var lookup = dir.getFileSystem().getUserPrincipalLookupService();
            Files.setOwner(dir, lookup.lookupPrincipalByName(serverUser()));
        }
    }

    /** As {@code ./nexid}: the postgres user where there is one (a PostgreSQL package), else nobody. */
    private static String serverUser() {
        try {
            FileSystems.getDefault().getUserPrincipalLookupService().lookupPrincipalByName("postgres");
            return "postgres";
        } catch (IOException e) {
            return "nobody";
        }
    }

    private static boolean runsAsRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static Path binaries() throws IOException {
        var configured = System.getenv("NEXID_POSTGRES_BIN");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            return versions.map(version -> version.resolve("bin"))
                    .filter(dir -> Files.isExecutable(dir.resolve("initdb")))
                    .max(Comparator.comparing(dir -> Integer.parseInt(
                            dir.getParent().getFileName().toString().replaceAll("\\D", "0"))))
                    .orElseThrow(() ->
                            new IllegalStateException("no PostgreSQL binaries: run the fault tests with ./nexid test"));
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IllegalStateException("no PostgreSQL binaries: run the fault tests with ./nexid test", e);
        }
    }
}
