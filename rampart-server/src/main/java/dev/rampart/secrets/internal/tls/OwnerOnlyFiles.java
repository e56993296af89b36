package dev.rampart.secrets.internal.tls;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Files that hold keys or passwords: created readable by the owner only, and replaced atomically.
 * On file systems without POSIX permissions the folder's own access rules apply.
 */
final class OwnerOnlyFiles {

	private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

	private OwnerOnlyFiles() {
	}

	/** Creates the folder if needed; a folder created here is accessible by the owner only. */
	static void folder(Path folder) throws IOException {
		if (Files.isDirectory(folder)) {
			return;
		}
		Files.createDirectories(folder);
		restrict(folder, "rwx------");
	}

	/** Writes a file that only its owner may read, with no moment where anyone else could. */
	static void write(Path file, String content) throws IOException {
		Files.deleteIfExists(file);
		if (POSIX) {
			Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
		}
		Files.writeString(file, content, StandardCharsets.UTF_8);
	}

	/** Makes an existing file readable by its owner only. */
	static void restrict(Path path) throws IOException {
		restrict(path, "rw-------");
	}

	/** Writes a file anyone may read (a certificate, never a key) by replacing it atomically. */
	static void writePublic(Path file, String content) throws IOException {
		Path temporary = file.resolveSibling(file.getFileName() + ".new");
		Files.writeString(temporary, content, StandardCharsets.UTF_8);
		restrict(temporary, "rw-r--r--");
		replace(temporary, file);
	}

	static void replace(Path source, Path target) throws IOException {
		Files.move(source, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
	}

	private static void restrict(Path path, String permissions) throws IOException {
		if (POSIX) {
			Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
		}
	}
}
