package org.forkline.storage.internal.journal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The journal folders under {@code ${dataDir}/journal}: one folder per recording, one file per leg. */
public final class JournalStore {

    private final Path root;

    public JournalStore(Path dataDir) {
        this.root = dataDir.resolve("journal");
    }

    /** Folder of a recording's journals; the name comes only from the UUID. */
    public Path folder(UUID recordingId) {
        return root.resolve(recordingId.toString());
    }

    /** Creates a new leg journal and writes its META record. */
    public JournalFile create(LegMeta meta) throws IOException {
        Path folder = folder(meta.recordingId());
        Files.createDirectories(folder);
        JournalFile file = JournalFile.create(folder.resolve(meta.legId() + JournalFormat.FILE_SUFFIX));
        try {
            file.append(RecordType.META, JournalPayloads.encodeMeta(meta));
        } catch (IOException e) {
            file.close();
            Files.deleteIfExists(file.path());
            throw e;
        }
        return file;
    }

    /** The leg journals of a recording, by file name; empty when the folder does not exist. */
    public List<Path> legFiles(UUID recordingId) throws IOException {
        List<Path> files = new ArrayList<>();
        String pattern = "*" + JournalFormat.FILE_SUFFIX;
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(folder(recordingId), pattern)) {
            stream.forEach(files::add);
        } catch (NoSuchFileException e) {
            return List.of();
        }
        files.sort(null);
        return files;
    }

    /** Recording ids that have a journal folder (folders with other names are ignored). */
    public List<UUID> recordingIds() throws IOException {
        List<UUID> ids = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return ids;
        }
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(root, Files::isDirectory)) {
            for (Path folder : stream) {
                try {
                    ids.add(UUID.fromString(folder.getFileName().toString()));
                } catch (IllegalArgumentException notOurs) {
                    // Not a recording folder: leave it alone.
                }
            }
        }
        return ids;
    }

    /** Deletes a recording's journal folder and everything in it; a missing folder is fine. */
    public void delete(UUID recordingId) throws IOException {
        Path folder = folder(recordingId);
        if (!Files.isDirectory(folder)) {
            return;
        }
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(folder)) {
            for (Path file : stream) {
                Files.deleteIfExists(file);
            }
        }
        Files.deleteIfExists(folder);
    }
}
