package io.nexidentity.ctl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionStoreTest {

    @TempDir
    Path home;

    @Test
    void saveWhenNewThenReadableByItsOwnerOnlyAndReadBackWhole() throws Exception {
        var store = new SessionStore(home.resolve("nexidctl"));
        var session = new Session(
                Session.PERSON,
                "https://id.example.com/t/acme",
                "nxa-0190",
                "https://id.example.com/t/acme/token",
                Map.of("*", "https://id.example.com"),
                "access",
                "refresh",
                1_900_000_000L);

        store.save(session);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store.file())))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(
                        Files.getPosixFilePermissions(store.file().getParent())))
                .isEqualTo("rwx------");
        assertThat(store.load()).isEqualTo(session);
        assertThat(Files.list(store.file().getParent())).containsExactly(store.file());
    }

    @Test
    void saveWhenTheFileExistedWithWiderPermissionsThenReplacedByAPrivateOne() throws Exception {
        var store = new SessionStore(home);
        Files.writeString(store.file(), "{}");
        Files.setPosixFilePermissions(store.file(), PosixFilePermissions.fromString("rw-r--r--"));

        store.save(new Session(Session.SERVICE, "https://i", "nxc-1", "https://i/token", Map.of(), "a", null, 1));

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store.file())))
                .isEqualTo("rw-------");
    }

    @Test
    void loadWhenNeverSignedInThenTellsToLogIn() {
        assertThatThrownBy(() -> new SessionStore(home).load())
                .isInstanceOf(CtlException.class)
                .hasMessage("not signed in: run nexidctl login");
    }

    @Test
    void loadWhenTheFileIsDamagedThenTellsToLogInAgain() throws Exception {
        var store = new SessionStore(home);
        Files.writeString(store.file(), "{not json");

        assertThatThrownBy(store::load).isInstanceOf(CtlException.class).hasMessageContaining("run nexidctl login");
    }
}
