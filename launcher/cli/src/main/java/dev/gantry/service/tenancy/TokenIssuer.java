package dev.gantry.service.tenancy;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Gives a user a new API token: generates it, writes only its SHA-256 into the tenancy file, and
 * hands the token back to be shown once (it cannot be shown again: nothing keeps it). A user who
 * is not in the file yet is added to the given team. The token replaces any earlier one, which
 * stops working when the service next reads the file.
 *
 * <p>The file is edited, not rewritten: only the user's {@code tokenSha256} line changes (or is
 * added, with the user's entry when new), so the operator's comments and layout stay. The result
 * is checked like any tenancy file before it replaces the old one through a temporary file and an
 * atomic rename: a reader sees the old file or the new, never half of one.
 *
 * <p>Run as {@code TokenIssuer FILE USER [TEAM]} it prints the token on standard output and
 * nothing else there (later a {@code gantry} command).
 */
public final class TokenIssuer {
    private TokenIssuer() {}

    /**
     * A new token for {@code user}, whose hash is now in {@code file}.
     *
     * @param team the team of a user not yet in the file; null when the user must be there already
     * @throws TenancyException naming the file (and line) when it cannot be done
     */
    public static String issue(Path file, String user, String team) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(user, "user");
        String text = TenancyFile.text(file);
        String source = file.toString();
        Tenancy before = TenancyFile.parse(text, source);
        if (!TenancyFile.NAME.matcher(user).matches()) {
            throw new TenancyException("user name '" + user + "' must be 1 to 64 letters, digits, '.', '_' or '-', starting"
                    + " with a letter or digit");
        }
        if (before.user(user).isEmpty()) {
            if (team == null) {
                throw new TenancyException(source + " has no user " + user + ": give their team to add them");
            }
            if (before.team(team).isEmpty()) {
                throw new TenancyException(source + " has no team " + team + " (teams: "
                        + String.join(", ", before.teams().keySet()) + ")");
            }
        } else if (team != null && !before.user(user).orElseThrow().team().equals(team)) {
            throw new TenancyException(source + ": user " + user + " is in team " + before.user(user).orElseThrow().team()
                    + ", not " + team + ": change their team in the file itself");
        }
        String token = ApiTokens.generate();
        String hash = ApiTokens.sha256Hex(token);
        String edited = withHash(text, source, user, team, hash);
        Tenancy after = TenancyFile.parse(edited, source);
        if (!after.user(user).flatMap(User::tokenHash).equals(java.util.Optional.of(hash))
                || after.users().size() != before.users().size() + (before.user(user).isEmpty() ? 1 : 0)) {
            throw new TenancyException(source + ": could not add the token's hash for " + user + " without changing other"
                    + " entries; add it by hand: " + TenancyFile.TOKEN_SHA256 + ": " + hash);
        }
        replace(file, edited);
        return token;
    }

    /** The text with {@code user}'s token hash set, everything else as it was. */
    static String withHash(String text, String source, String user, String team, String hash) {
        MappingNode root = TenancyFile.compose(text, source);
        NodeTuple users = entry(root, TenancyFile.USERS);
        if (users != null && users.getValueNode() instanceof MappingNode entries) {
            NodeTuple existing = entry(entries, user);
            if (existing != null) {
                return withHash(text, source, (MappingNode) existing.getValueNode(), hash);
            }
            if (!entries.getValue().isEmpty()) {
                blockStyle(entries, source, "users");
                return withNewUser(text, entries, user, team, hash);
            }
        }
        // No users yet: "users:" with nothing after it, "users: {}", or no users at all.
        String entry = "  " + user + ":\n    team: " + team + "\n    " + TenancyFile.TOKEN_SHA256 + ": " + hash + "\n";
        if (users != null) {
            // The "users:" line becomes the head of the new list.
            Node key = users.getKeyNode();
            int column = key.getStartMark().getColumn();
            int lineStart = key.getStartMark().getIndex() - column;
            int lineEnd = endOfLine(text, key.getEndMark().getIndex());
            return text.substring(0, lineStart) + " ".repeat(column) + TenancyFile.USERS + ":\n" + entry
                    + text.substring(lineEnd);
        }
        return (text.endsWith("\n") ? text : text + "\n") + "users:\n" + entry;
    }

    private static String withHash(String text, String source, MappingNode userEntry, String hash) {
        blockStyle(userEntry, source, "this user's entry");
        NodeTuple old = entry(userEntry, TenancyFile.TOKEN_SHA256);
        if (old != null) {
            Node value = old.getValueNode();
            return text.substring(0, value.getStartMark().getIndex()) + hash + text.substring(value.getEndMark().getIndex());
        }
        // A new line above the entry's first field, indented as that field is.
        Node firstKey = userEntry.getValue().get(0).getKeyNode();
        int column = firstKey.getStartMark().getColumn();
        int lineStart = firstKey.getStartMark().getIndex() - column;
        return text.substring(0, lineStart) + " ".repeat(column) + TenancyFile.TOKEN_SHA256 + ": " + hash + "\n"
                + text.substring(lineStart);
    }

    /** A new entry after the last user's last line, indented as the users before it are. */
    private static String withNewUser(String text, MappingNode users, String user, String team, String hash) {
        List<NodeTuple> entries = users.getValue();
        NodeTuple first = entries.get(0);
        int column = first.getKeyNode().getStartMark().getColumn();
        int inner = first.getValueNode() instanceof MappingNode fields && !fields.getValue().isEmpty()
                ? fields.getValue().get(0).getKeyNode().getStartMark().getColumn() : column + 2;
        int at = endOfLine(text, lastScalar(entries.get(entries.size() - 1).getValueNode()).getEndMark().getIndex());
        String entry = " ".repeat(column) + user + ":\n" + " ".repeat(inner) + "team: " + team + "\n" + " ".repeat(inner)
                + TenancyFile.TOKEN_SHA256 + ": " + hash + "\n";
        String head = text.substring(0, at);
        return head + (head.endsWith("\n") ? "" : "\n") + entry + text.substring(at);
    }

    private static Node lastScalar(Node node) {
        if (node instanceof MappingNode mapping && !mapping.getValue().isEmpty()) {
            return lastScalar(mapping.getValue().get(mapping.getValue().size() - 1).getValueNode());
        }
        if (node instanceof SequenceNode sequence && !sequence.getValue().isEmpty()) {
            return lastScalar(sequence.getValue().get(sequence.getValue().size() - 1));
        }
        return node;
    }

    private static void blockStyle(MappingNode mapping, String source, String what) {
        if (mapping.getFlowStyle() == DumperOptions.FlowStyle.FLOW) {
            throw new TenancyException(source + " line " + TenancyFile.line(mapping) + ": write " + what
                    + " one field a line (block style), not in braces, so that the token's hash can be added");
        }
    }

    private static NodeTuple entry(MappingNode mapping, String key) {
        for (NodeTuple tuple : mapping.getValue()) {
            if (tuple.getKeyNode() instanceof ScalarNode scalar && scalar.getValue().equals(key)) {
                return tuple;
            }
        }
        return null;
    }

    /** The index just past the line break that ends the line holding {@code index}, or the text's end. */
    private static int endOfLine(String text, int index) {
        int newline = text.indexOf('\n', Math.max(0, Math.min(index, text.length())));
        return newline < 0 ? text.length() : newline + 1;
    }

    /** Writes a temporary file beside {@code file} (same permissions), forces it to disk, renames it over. */
    private static void replace(Path file, String text) {
        Path directory = file.toAbsolutePath().getParent();
        Path temporary = null;
        try {
            temporary = Files.createTempFile(directory, "." + file.getFileName(), ".tmp");
            PosixFileAttributeView posix = Files.getFileAttributeView(file, PosixFileAttributeView.class);
            if (posix != null) {
                Set<PosixFilePermission> permissions = posix.readAttributes().permissions();
                Files.setPosixFilePermissions(temporary, permissions);
            }
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                channel.write(StandardCharsets.UTF_8.encode(text));
                channel.force(true);
            }
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            temporary = null;
        } catch (IOException e) {
            throw new TenancyException("cannot write " + file + ": " + e.getMessage());
        } finally {
            if (temporary != null) {
                try {
                    Files.deleteIfExists(temporary);
                } catch (IOException ignored) {
                    // Leave it: a dot file, named after the tenancy file.
                }
            }
        }
    }

    /** {@code TokenIssuer FILE USER [TEAM]}: prints the new token, once. */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length < 2 || args.length > 3) {
            err.println("usage: TokenIssuer TENANCY_FILE USER [TEAM]  (TEAM adds a user who is not in the file yet)");
            return 2;
        }
        try {
            String token = issue(Path.of(args[0]), args[1], args.length == 3 ? args[2] : null);
            out.println(token);
            err.println("The token above is for " + args[1] + ", shown this once: " + args[0]
                    + " keeps only its SHA-256. Any earlier token of " + args[1] + " no longer works.");
            return 0;
        } catch (TenancyException e) {
            err.println(e.getMessage());
            return 1;
        }
    }
}
