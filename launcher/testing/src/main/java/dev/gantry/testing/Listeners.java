package dev.gantry.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The TCP sockets that processes listen on, as Linux reports them: {@code /proc/net/tcp(6)} for
 * listening sockets and their inodes, {@code /proc/PID/fd} for which process holds which.
 */
public final class Listeners {
    private static final Pattern SOCKET = Pattern.compile("socket:\\[(\\d+)]");
    private static final String LISTEN = "0A";

    private Listeners() {}

    /** Whether this machine can tell (Linux with /proc). */
    public static boolean available() {
        return Files.isReadable(Path.of("/proc/net/tcp"));
    }

    /** The addresses that {@code pids} listen on. */
    public static List<InetSocketAddress> of(Set<Long> pids) throws IOException {
        Map<Long, InetSocketAddress> listening = new HashMap<>();
        read(Path.of("/proc/net/tcp"), listening);
        read(Path.of("/proc/net/tcp6"), listening);
        List<InetSocketAddress> found = new ArrayList<>();
        for (long pid : pids) {
            for (long inode : socketInodes(pid)) {
                InetSocketAddress address = listening.get(inode);
                if (address != null) {
                    found.add(address);
                }
            }
        }
        return found;
    }

    private static Set<Long> socketInodes(long pid) {
        Set<Long> inodes = new HashSet<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            fds.forEach(fd -> {
                try {
                    Matcher socket = SOCKET.matcher(Files.readSymbolicLink(fd).toString());
                    if (socket.matches()) {
                        inodes.add(Long.parseLong(socket.group(1)));
                    }
                } catch (IOException closedMeanwhile) {
                    // The descriptor went away while listing.
                }
            });
        } catch (IOException ended) {
            // The process ended meanwhile: it listens on nothing.
        }
        return inodes;
    }

    private static void read(Path table, Map<Long, InetSocketAddress> into) throws IOException {
        if (!Files.isReadable(table)) {
            return;
        }
        List<String> lines = Files.readAllLines(table);
        for (String line : lines.subList(1, lines.size())) {
            String[] fields = line.trim().split("\\s+");
            if (fields[3].equals(LISTEN)) {
                into.put(Long.parseLong(fields[9]), address(fields[1]));
            }
        }
    }

    /** {@code 0100007F:1F90} or its 32-digit IPv6 form: 32-bit words in host (little-endian) order. */
    private static InetSocketAddress address(String hex) throws UnknownHostException {
        String[] parts = hex.split(":");
        String ip = parts[0];
        byte[] bytes = new byte[ip.length() / 2];
        for (int word = 0; word < bytes.length / 4; word++) {
            for (int i = 0; i < 4; i++) {
                int at = word * 8 + (3 - i) * 2;
                bytes[word * 4 + i] = (byte) Integer.parseInt(ip.substring(at, at + 2), 16);
            }
        }
        return new InetSocketAddress(InetAddress.getByAddress(bytes), Integer.parseInt(parts[1], 16));
    }
}
