package io.nexidentity.ctl;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;

/**
 * The session file, {@code session.json} in the config directory: readable by its owner only (mode 600 in a 700
 * directory), written whole to a private temporary file and moved into place so that it is never seen half written or
 * with wider permissions.
 */
final class SessionStore {

    private static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private static final boolean POSIX =
            FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private final Path directory;

    SessionStore(Path directory) {
        this.directory = directory;
    }

    Path file() {
        return directory.resolve("session.json");
    }

    Session load() {
        if (!Files.exists(file())) {
            throw new CtlException("not signed in: run nexidctl login");
        }
        try {
            return JSON.readValue(file().toFile(), Session.class);
        } catch (IOException e) {
            throw new CtlException("cannot read " + file() + " (" + e.getMessage() + "): run nexidctl login");
        }
    }

    void save(Session session) {
        try {
            if (POSIX) {
                Files.createDirectories(
                        directory, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } else {
                Files.createDirectories(directory);
            }
            var temporary = POSIX
                    ? Files.createTempFile(
                            directory,
                            "session",
                            ".tmp",
                            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                    : Files.createTempFile(directory, "session", ".tmp");
            try {
                JSON.writeValue(temporary.toFile(), session);
                move(temporary);
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file(), e);
        }
    }

    /**
     * Runs {@code work} holding the lock of the config directory: two nexidctl processes renewing the same session at
     * once would present one refresh token twice, and the issuer ends the whole sign-in on a reused refresh token.
     */
    <T> T locked(Supplier<T> work) {
        try (var channel = FileChannel.open(
                        directory.resolve("session.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                var lock = channel.lock()) {
            return work.get();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock " + directory.resolve("session.lock"), e);
        }
    }

    boolean delete() {
        try {
            return Files.deleteIfExists(file());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + file(), e);
        }
    }

    private void move(Path temporary) throws IOException {
        try {
            Files.move(temporary, file(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, file(), StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
