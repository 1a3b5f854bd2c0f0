package io.nexidentity.runtime.contract;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A DNS server in the test JVM (UDP on loopback) that answers TXT queries from records a test publishes, so that domain
 * verification asks a real resolver over the real protocol (RFC 1035): as a test resource of the tenant-service
 * itself, or started by {@link PlatformTestStack} for a launched tenant-service. Any other query gets NXDOMAIN.
 */
public class TestDns implements QuarkusTestResourceLifecycleManager {

    private static final int TXT = 16;
    private static final Map<String, List<String>> RECORDS = new ConcurrentHashMap<>();
    private static DatagramSocket socket;

    /** Starts the server once per JVM; the tenant-service setting that points domain verification at it. */
    public static synchronized Map<String, String> startOnce() {
        if (socket == null) {
            try {
                socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            var server = new Thread(TestDns::serve, "test-dns");
            server.setDaemon(true);
            server.start();
        }
        return Map.of("nexid.domains.dns-resolver", "127.0.0.1:" + socket.getLocalPort());
    }

    /** Publishes the TXT records of {@code name} (replacing any); no values unpublishes them. */
    public static void publishTxt(String name, String... values) {
        if (values.length == 0) {
            RECORDS.remove(name.toLowerCase(Locale.ROOT));
        } else {
            RECORDS.put(name.toLowerCase(Locale.ROOT), List.of(values));
        }
    }

    @Override
    public Map<String, String> start() {
        return startOnce();
    }

    @Override
    public void stop() {
        // shared by every test of the JVM; a daemon thread
    }

    private static void serve() {
        var buffer = new byte[512];
        while (!socket.isClosed()) {
            try {
                var query = new DatagramPacket(buffer, buffer.length);
                socket.receive(query);
                var answer = answer(ByteBuffer.wrap(query.getData(), 0, query.getLength()));
                socket.send(new DatagramPacket(answer, answer.length, query.getSocketAddress()));
            } catch (IOException | RuntimeException e) {
                // a malformed query gets no answer; the resolver times out, as it would on the Internet
            }
        }
    }

    private static byte[] answer(ByteBuffer query) {
        var id = query.getShort();
        var flags = query.getShort();
        query.position(12);
        var questionStart = query.position();
        var name = new StringBuilder();
        for (int length = query.get() & 0xff; length > 0; length = query.get() & 0xff) {
            var label = new byte[length];
            query.get(label);
            name.append(name.isEmpty() ? "" : ".").append(new String(label, StandardCharsets.US_ASCII));
        }
        var type = query.getShort() & 0xffff;
        query.getShort(); // class
        var question = new byte[query.position() - questionStart];
        query.get(questionStart, question);
        var records = type == TXT ? RECORDS.get(name.toString().toLowerCase(Locale.ROOT)) : null;

        var out = new ByteArrayOutputStream();
        writeShort(out, id);
        // a response, authoritative, recursion desired as asked and available; NXDOMAIN when nothing is published
        writeShort(out, 0x8480 | (flags & 0x0100) | (records == null ? 3 : 0));
        writeShort(out, 1);
        writeShort(out, records == null ? 0 : records.size());
        writeShort(out, 0);
        writeShort(out, 0);
        out.writeBytes(question);
        if (records != null) {
            for (var value : records) {
                var text = value.getBytes(StandardCharsets.UTF_8);
                writeShort(out, 0xc00c); // the name: a pointer to the question's
                writeShort(out, TXT);
                writeShort(out, 1); // IN
                writeShort(out, 0);
                writeShort(out, 60); // TTL
                writeShort(out, text.length + 1);
                out.write(text.length);
                out.writeBytes(text);
            }
        }
        return out.toByteArray();
    }

    private static void writeShort(ByteArrayOutputStream out, int value) {
        out.write((value >> 8) & 0xff);
        out.write(value & 0xff);
    }
}
