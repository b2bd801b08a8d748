package dev.gantry.service.tenancy;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads the tenancy file of {@code gantry serve}: its teams and its users.
 *
 * <pre>
 * teams:
 *   vision:
 *     role: vision          # the Mesos role of the team's jobs
 *     weight: 2             # its share of the GPUs, relative to the other teams' (default 1)
 *     maxGpus: 16           # optional: the most GPUs its jobs hold at once
 *   nlp:
 *     role: research/nlp
 * users:
 *   alice:
 *     team: vision
 *     tokenSha256: 9b1e...  # SHA-256 (hex) of alice's API token; never the token itself
 *   bob:
 *     team: nlp             # no token yet: TokenIssuer makes one
 * </pre>
 *
 * Anything wrong ends in a {@link TenancyException} of one line naming the file and the line.
 * The file is read through SnakeYAML's node tree (what Jackson's YAML reader is built on), which
 * knows each field's line, so an error points at the field rather than at the file.
 */
public final class TenancyFile {
    /** Team and user names: what the store, a URL path and a log line all take unquoted. */
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-fA-F]{64}");
    static final String TEAMS = "teams";
    static final String USERS = "users";
    static final String TOKEN_SHA256 = "tokenSha256";
    private static final List<String> ROOT_FIELDS = List.of(TEAMS, USERS);
    private static final List<String> TEAM_FIELDS = List.of("role", "weight", "maxGpus");
    private static final List<String> USER_FIELDS = List.of("team", TOKEN_SHA256);

    private final String source;

    private TenancyFile(String source) {
        this.source = source;
    }

    /** Reads and checks {@code file}. */
    public static Tenancy read(Path file) {
        return parse(text(file), file.toString());
    }

    static String text(Path file) {
        if (Files.isDirectory(file)) {
            throw new TenancyException("tenancy file " + file + " is a directory, not a file");
        }
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new TenancyException("tenancy file " + file + " does not exist");
        } catch (AccessDeniedException e) {
            throw new TenancyException("tenancy file " + file + " cannot be read: permission denied");
        } catch (CharacterCodingException e) {
            throw new TenancyException("tenancy file " + file + " is not UTF-8 text");
        } catch (IOException e) {
            throw new TenancyException("tenancy file " + file + " cannot be read: " + e.getMessage());
        }
    }

    /**
     * Checks YAML text.
     *
     * @param source how messages name the text: the file's path
     */
    public static Tenancy parse(String text, String source) {
        return new TenancyFile(source).tenancy(compose(text, source));
    }

    /** The text's node tree, whose every node knows its line; null for an empty text. */
    static MappingNode compose(String text, String source) {
        Node root;
        try {
            root = new Yaml(new LoaderOptions()).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            throw new TenancyException(source + (mark == null ? "" : " line " + (mark.getLine() + 1)) + ": not valid YAML: "
                    + (e.getProblem() != null ? e.getProblem() : e.getMessage()));
        } catch (YAMLException e) {
            throw new TenancyException(source + ": not valid YAML: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (root == null || isNull(root)) {
            throw new TenancyException(source + " is empty: it needs its teams (and users)");
        }
        if (!(root instanceof MappingNode mapping)) {
            throw new TenancyException(source + " line " + line(root) + ": the file must be a mapping with teams and users");
        }
        return mapping;
    }

    private Tenancy tenancy(MappingNode root) {
        Map<String, Node> fields = fields(root, "the file", ROOT_FIELDS);
        Node teamsNode = fields.get(TEAMS);
        if (teamsNode == null) {
            throw error(root, "no teams: every user belongs to a team, and a team to a Mesos role");
        }
        Map<String, Team> teams = new LinkedHashMap<>();
        for (Map.Entry<ScalarNode, Node> entry : entries(teamsNode, TEAMS).entrySet()) {
            String name = name(entry.getKey(), "team");
            teams.put(name, team(name, entry.getValue()));
        }
        if (teams.isEmpty()) {
            throw error(teamsNode, "teams is empty: name at least one team");
        }
        Map<String, User> users = new LinkedHashMap<>();
        Map<String, String> usersByHash = new HashMap<>();
        Node usersNode = fields.get(USERS);
        if (usersNode != null && !isNull(usersNode)) {
            for (Map.Entry<ScalarNode, Node> entry : entries(usersNode, USERS).entrySet()) {
                String name = name(entry.getKey(), "user");
                User user = user(name, entry.getValue(), teams);
                String hash = user.tokenSha256();
                if (hash != null && usersByHash.containsKey(hash)) {
                    throw error(entry.getKey(), "user " + name + " has the same token hash as user "
                            + usersByHash.get(hash) + ": each user needs a token of their own");
                }
                if (hash != null) {
                    usersByHash.put(hash, name);
                }
                users.put(name, user);
            }
        }
        return new Tenancy(teams, users);
    }

    private Team team(String name, Node node) {
        String what = "team " + name;
        Map<String, Node> fields = fields(mapping(node, what, "role, weight, maxGpus"), what, TEAM_FIELDS);
        Node roleNode = fields.get("role");
        if (roleNode == null) {
            throw error(node, what + " has no role: the Mesos role its jobs run under");
        }
        String role = scalar(roleNode, what + " role", "a Mesos role name");
        String wrong = MesosRoles.problem(role);
        if (wrong != null) {
            throw error(roleNode, what + " role '" + role + "' " + wrong);
        }
        double weight = 1;
        Node weightNode = fields.get("weight");
        if (weightNode != null) {
            String text = scalar(weightNode, what + " weight", "a number above 0");
            try {
                weight = Double.parseDouble(text);
            } catch (NumberFormatException e) {
                weight = Double.NaN;
            }
            if (!(weight > 0) || Double.isInfinite(weight)) {
                throw error(weightNode, what + " weight must be a number above 0, got '" + text + "'");
            }
        }
        Integer maxGpus = null;
        Node capNode = fields.get("maxGpus");
        if (capNode != null) {
            String text = scalar(capNode, what + " maxGpus", "a whole number, 0 or more");
            try {
                maxGpus = Integer.parseInt(text);
            } catch (NumberFormatException e) {
                maxGpus = -1;
            }
            if (maxGpus < 0) {
                throw error(capNode, what + " maxGpus must be a whole number, 0 or more (leave it out for no cap), got '"
                        + text + "'");
            }
        }
        return new Team(name, role, weight, maxGpus);
    }

    private User user(String name, Node node, Map<String, Team> teams) {
        String what = "user " + name;
        Map<String, Node> fields = fields(mapping(node, what, "team, tokenSha256"), what, USER_FIELDS);
        Node teamNode = fields.get("team");
        if (teamNode == null) {
            throw error(node, what + " has no team");
        }
        String team = scalar(teamNode, what + " team", "a team's name");
        if (!teams.containsKey(team)) {
            throw error(teamNode, what + " is in team '" + team + "', which is not among the teams ("
                    + String.join(", ", teams.keySet()) + ")");
        }
        String hash = null;
        Node hashNode = fields.get(TOKEN_SHA256);
        if (hashNode != null) {
            hash = scalar(hashNode, what + " " + TOKEN_SHA256, "64 hex digits");
            if (hash.startsWith(ApiTokens.PREFIX)) {
                throw error(hashNode, what + " " + TOKEN_SHA256 + " holds a token itself: this file keeps only the SHA-256"
                        + " of a token; revoke that token and make a new one with TokenIssuer");
            }
            if (!SHA256_HEX.matcher(hash).matches()) {
                throw error(hashNode, what + " " + TOKEN_SHA256 + " must be a SHA-256 in hex (64 digits 0-9, a-f), got "
                        + hash.length() + " characters");
            }
            hash = hash.toLowerCase(java.util.Locale.ROOT);
        }
        return new User(name, team, hash);
    }

    /** A mapping's fields by key; unknown and repeated keys are errors naming their line. */
    private Map<String, Node> fields(MappingNode mapping, String what, List<String> known) {
        Map<String, Node> fields = new LinkedHashMap<>();
        for (Map.Entry<ScalarNode, Node> entry : entries(mapping, what).entrySet()) {
            String key = entry.getKey().getValue();
            if (!known.contains(key)) {
                throw error(entry.getKey(), what + " has an unknown field '" + key + "' (known: " + String.join(", ", known)
                        + ")");
            }
            fields.put(key, entry.getValue());
        }
        return fields;
    }

    /** A mapping's entries, in order, with text keys; a key written twice is an error at its second line. */
    private Map<ScalarNode, Node> entries(Node node, String what) {
        MappingNode mapping = mapping(node, what, null);
        Map<ScalarNode, Node> entries = new LinkedHashMap<>();
        Map<String, ScalarNode> seen = new HashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            if (!(tuple.getKeyNode() instanceof ScalarNode key) || isNull(key)) {
                throw error(tuple.getKeyNode(), what + ": keys must be plain names");
            }
            ScalarNode first = seen.putIfAbsent(key.getValue(), key);
            if (first != null) {
                throw error(key, what + " has '" + key.getValue() + "' twice (first at line " + line(first) + ")");
            }
            entries.put(key, tuple.getValueNode());
        }
        return entries;
    }

    private MappingNode mapping(Node node, String what, String fields) {
        if (node instanceof MappingNode mapping) {
            return mapping;
        }
        throw error(node, what + " must be a mapping" + (fields == null ? " of names to entries" : " of its fields (" + fields
                + ")") + ", not " + written(node));
    }

    private String scalar(Node node, String what, String expected) {
        if (node instanceof ScalarNode scalar && !isNull(scalar) && !scalar.getValue().isBlank()) {
            return scalar.getValue().strip();
        }
        throw error(node, what + " must be " + expected + ", not " + written(node));
    }

    private String name(ScalarNode key, String kind) {
        String name = key.getValue();
        if (!NAME.matcher(name).matches()) {
            throw error(key, kind + " name '" + name + "' must be 1 to 64 letters, digits, '.', '_' or '-', starting with a"
                    + " letter or digit");
        }
        return name;
    }

    private TenancyException error(Node node, String message) {
        return new TenancyException(source + " line " + line(node) + ": " + message);
    }

    static int line(Node node) {
        return node.getStartMark().getLine() + 1;
    }

    private static boolean isNull(Node node) {
        return node instanceof ScalarNode && Tag.NULL.equals(node.getTag());
    }

    private static String written(Node node) {
        if (isNull(node)) {
            return "empty";
        }
        return switch (node.getNodeId()) {
            case scalar -> "'" + ((ScalarNode) node).getValue() + "'";
            case sequence -> "a list";
            case mapping -> "a mapping";
            default -> "an alias";
        };
    }
}
