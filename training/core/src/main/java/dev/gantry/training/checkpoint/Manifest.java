package dev.gantry.training.checkpoint;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gantry.files.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * What a checkpoint directory must hold: each file's size and SHA-256, written last. A file
 * overwritten in place (same size, other bytes), truncated or missing no longer matches, so a
 * damaged checkpoint is skipped instead of resumed; a checkpoint whose manifest is missing was
 * never finished. SHA-256 rather than CRC32C: it also catches a file swapped for another
 * checkpoint's, and hashing a model is cheap next to training it.
 */
record Manifest(@JsonProperty("files") List<Entry> files) {
    static final String NAME = "manifest.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    record Entry(@JsonProperty("name") String name, @JsonProperty("bytes") long bytes,
                 @JsonProperty("sha256") String sha256) {}

    /** The manifest of {@code names} as they are in {@code dir} now. */
    static Manifest of(Path dir, List<String> names) throws IOException {
        List<Entry> entries = new java.util.ArrayList<>();
        for (String name : names) {
            Path file = dir.resolve(name);
            entries.add(new Entry(name, Files.size(file), sha256(file)));
        }
        return new Manifest(List.copyOf(entries));
    }

    void writeTo(Path dir) throws IOException {
        AtomicFiles.writeString(dir.resolve(NAME), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(this));
    }

    /** Why {@code dir} does not match its manifest, or empty when every file does. */
    static Optional<String> damage(Path dir) {
        Manifest manifest;
        try {
            manifest = JSON.readValue(dir.resolve(NAME).toFile(), Manifest.class);
        } catch (NoSuchFileException | java.io.FileNotFoundException e) {
            return Optional.of(NAME + " is missing (the checkpoint was never finished)");
        } catch (IOException e) {
            return Optional.of(NAME + " is unreadable (" + e.getClass().getSimpleName() + ")");
        }
        if (manifest.files() == null || manifest.files().isEmpty()) {
            return Optional.of(NAME + " lists no files");
        }
        for (Entry entry : manifest.files()) {
            Path file = dir.resolve(entry.name()).normalize();
            if (!file.getParent().equals(dir.normalize())) {
                return Optional.of(NAME + " names a file outside the checkpoint: " + entry.name());
            }
            try {
                long size = Files.size(file);
                if (size != entry.bytes()) {
                    return Optional.of(entry.name() + " has " + size + " bytes, the manifest says " + entry.bytes());
                }
                if (!sha256(file).equals(entry.sha256())) {
                    return Optional.of(entry.name() + " does not match its SHA-256 in the manifest (its bytes were changed)");
                }
            } catch (NoSuchFileException e) {
                return Optional.of(entry.name() + " is missing");
            } catch (IOException e) {
                return Optional.of(entry.name() + " cannot be read: " + e.getMessage());
            }
        }
        return Optional.empty();
    }

    private static String sha256(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
