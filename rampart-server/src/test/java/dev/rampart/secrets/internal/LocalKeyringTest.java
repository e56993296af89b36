package dev.rampart.secrets.internal;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.Base64;

import dev.rampart.secrets.GeneratedDataKey;
import dev.rampart.secrets.KeyServiceUnavailableException;
import dev.rampart.secrets.KeyVersionRetiredException;
import dev.rampart.secrets.WrappedKey;
import dev.rampart.shared.startup.StartupProblem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LocalKeyringTest {

	private static final String MASTER = Base64.getEncoder().encodeToString(Aes256Gcm.randomBytes(32));

	@TempDir
	Path dir;

	private final Clock clock = Clock.systemUTC();

	@Test
	void firstStartCreatesAnOwnerOnlyKeyringThatLaterStartsReuse() throws Exception {
		Path file = dir.resolve("nested/keyring.json");
		GeneratedDataKey key = LocalKeyring.open(file, null, clock, true).generateDataKey();

		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent()))).isEqualTo("rwx------");
		LocalKeyring reopened = LocalKeyring.open(file, null, clock, false);
		assertThat(reopened.unwrap(key.wrapped())).isEqualTo(key.plaintext());
		assertThat(key.wrapped().encoded()).startsWith("keyring:v1:");
	}

	@Test
	void rotationMakesANewVersionCurrentAndRewrapMovesKeysToIt() {
		LocalKeyring keyring = LocalKeyring.open(dir.resolve("keyring.json"), null, clock, true);
		GeneratedDataKey key = keyring.generateDataKey();

		assertThat(keyring.rotate()).isEqualTo(2);
		WrappedKey rewrapped = keyring.rewrap(key.wrapped());

		assertThat(rewrapped.version()).isEqualTo(2);
		assertThat(keyring.unwrap(rewrapped)).isEqualTo(key.plaintext());
		assertThat(keyring.unwrap(key.wrapped())).isEqualTo(key.plaintext());
		assertThat(LocalKeyring.open(dir.resolve("keyring.json"), null, clock, false).status().currentVersion()).isEqualTo(2);
	}

	@Test
	void retiredVersionsAreRefusedWithAClearError() {
		LocalKeyring keyring = LocalKeyring.open(dir.resolve("keyring.json"), null, clock, true);
		GeneratedDataKey old = keyring.generateDataKey();
		keyring.rotate();

		keyring.setMinDecryptionVersion(2);

		assertThatThrownBy(() -> keyring.unwrap(old.wrapped())).isInstanceOf(KeyVersionRetiredException.class)
			.hasMessageContaining("Key version 1 is below the minimum decryption version 2");
		assertThat(LocalKeyring.open(dir.resolve("keyring.json"), null, clock, false).status().minDecryptionVersion())
			.isEqualTo(2);
	}

	@Test
	void aWrappedKeyRelabelledWithAnotherVersionDoesNotUnwrap() {
		LocalKeyring keyring = LocalKeyring.open(dir.resolve("keyring.json"), null, clock, true);
		keyring.rotate();
		WrappedKey v2 = keyring.wrap(new byte[32]);

		WrappedKey relabelled = WrappedKey.parse(v2.encoded().replace("keyring:v2:", "keyring:v1:"));

		assertThatThrownBy(() -> keyring.unwrap(relabelled)).isInstanceOf(KeyServiceUnavailableException.class);
	}

	@Test
	void aMasterKeySealsTheFileSoItHoldsNoKeyMaterialInClear() throws Exception {
		Path file = dir.resolve("keyring.json");
		LocalKeyring plain = LocalKeyring.open(file, null, clock, true);
		GeneratedDataKey key = plain.generateDataKey();
		String material = Base64.getEncoder()
			.encodeToString(KeyringFile.read(file, null).keys().getFirst().material());

		LocalKeyring sealed = LocalKeyring.open(file, MASTER, clock, false);

		String onDisk = Files.readString(file);
		assertThat(onDisk).contains("rampart-keyring/1+sealed").doesNotContain(material);
		assertThat(sealed.unwrap(key.wrapped())).isEqualTo(key.plaintext());
	}

	@Test
	void aWrongMasterKeyStopsStartUpAndChangesNothing() throws Exception {
		Path file = dir.resolve("keyring.json");
		LocalKeyring.open(file, MASTER, clock, true);
		byte[] before = Files.readAllBytes(file);

		assertThatThrownBy(() -> LocalKeyring.open(file, "a different passphrase of some length", clock, false))
			.isInstanceOf(StartupProblem.class)
			.hasMessageContaining("master key");

		assertThat(Files.readAllBytes(file)).isEqualTo(before);
	}

	@Test
	void aPassphraseMasterKeyIsStretchedAndReopensTheKeyring() {
		Path file = dir.resolve("keyring.json");
		String passphrase = "correct horse battery staple";
		GeneratedDataKey key = LocalKeyring.open(file, passphrase, clock, true).generateDataKey();

		assertThat(LocalKeyring.open(file, passphrase, clock, false).unwrap(key.wrapped())).isEqualTo(key.plaintext());
	}

	@Test
	void aSealedKeyringWithoutMasterKeyStopsStartUp() {
		Path file = dir.resolve("keyring.json");
		LocalKeyring.open(file, MASTER, clock, true);

		assertThatThrownBy(() -> LocalKeyring.open(file, null, clock, false)).isInstanceOf(StartupProblem.class)
			.hasMessageContaining("sealed with a master key, but no master key was given");
	}

	@Test
	void aShortMasterKeyIsRefused() {
		assertThatThrownBy(() -> LocalKeyring.open(dir.resolve("k.json"), "short", clock, true))
			.isInstanceOf(StartupProblem.class)
			.hasMessageContaining("too short");
	}

	@Test
	void aDamagedKeyringStopsStartUpWithoutBeingReplaced() throws Exception {
		Path file = dir.resolve("keyring.json");
		Files.writeString(file, "{\"format\":\"something else\"}", StandardCharsets.UTF_8);

		assertThatThrownBy(() -> LocalKeyring.open(file, null, clock, true)).isInstanceOf(StartupProblem.class)
			.hasMessageContaining("not a Rampart keyring or is damaged");
		assertThat(Files.readString(file)).contains("something else");
	}
}
