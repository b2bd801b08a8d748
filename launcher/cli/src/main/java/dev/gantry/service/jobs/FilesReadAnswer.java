package dev.gantry.service.jobs;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The bytes of a Mesos agent's {@code /files/read} answer, {@code {"data":"...","offset":N}}, exactly
 * as they are in the file. A JSON parser cannot give them: the agent escapes only {@code "},
 * {@code \} and control characters and copies every other byte raw, valid UTF-8 or not, so a
 * parser's decoding to text would replace a log's non-UTF-8 bytes. Hence this small reader of the
 * one string, on bytes.
 */
final class FilesReadAnswer {
    private static final byte[] DATA_KEY = "\"data\"".getBytes(StandardCharsets.US_ASCII);

    private FilesReadAnswer() {}

    /** @throws IllegalArgumentException when the answer has no {@code data} string */
    static byte[] data(byte[] answer) {
        int key = indexOf(answer, DATA_KEY);
        if (key < 0) {
            throw new IllegalArgumentException("no \"data\" in the agent's answer");
        }
        int i = key + DATA_KEY.length;
        while (i < answer.length && (answer[i] == ' ' || answer[i] == ':')) {
            i++;
        }
        if (i >= answer.length || answer[i] != '"') {
            throw new IllegalArgumentException("\"data\" is not a string in the agent's answer");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(answer.length);
        for (i++; i < answer.length; i++) {
            byte b = answer[i];
            if (b == '"') {
                return out.toByteArray();
            }
            if (b != '\\') {
                out.write(b);
                continue;
            }
            if (++i >= answer.length) {
                break;
            }
            switch (answer[i]) {
                case 'b' -> out.write('\b');
                case 't' -> out.write('\t');
                case 'n' -> out.write('\n');
                case 'f' -> out.write('\f');
                case 'r' -> out.write('\r');
                case 'u' -> {
                    if (i + 4 >= answer.length) {
                        throw new IllegalArgumentException("a cut \\u escape in the agent's answer");
                    }
                    int code = Integer.parseInt(new String(answer, i + 1, 4, StandardCharsets.US_ASCII), 16);
                    i += 4;
                    // The agent escapes single bytes (control characters) this way; anything wider is text.
                    if (code < 0x100) {
                        out.write(code);
                    } else {
                        out.writeBytes(new String(Character.toChars(code)).getBytes(StandardCharsets.UTF_8));
                    }
                }
                default -> out.write(answer[i]); // \" \\ \/
            }
        }
        throw new IllegalArgumentException("the \"data\" string of the agent's answer does not end");
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
