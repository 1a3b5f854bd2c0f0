package io.nexidentity.outbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.serialization.StringSerializer;

import io.nexidentity.events.Topic;

/**
 * A real single-node KRaft broker in its own JVM, private to one test class (or to the fault tests' platform) so the
 * test can stop, kill and restart it; every {@link Topic} is created on it. It runs from the Kafka libraries that
 * {@code ./nexid} resolves from Maven Central (system property {@code nexid.kafka.lib}, or the environment variable
 * {@code NEXID_KAFKA_LIB}).
 */
public class PrivateKafkaBroker implements QuarkusTestResourceLifecycleManager {

    private static PrivateKafkaBroker running;

    private Path home;
    private Path lib;
    private int port;
    private Process process;

    private final int partitions;

    /** A broker whose topics have one partition each. */
    public PrivateKafkaBroker() {
        this(1);
    }

    public PrivateKafkaBroker(int partitions) {
        this.partitions = partitions;
    }

    static PrivateKafkaBroker running() {
        return running;
    }

    @Override
    public Map<String, String> start() {
        var configured = System.getenv("NEXID_KAFKA_LIB");
        lib = Path.of(configured != null ? configured : System.getProperty("nexid.kafka.lib", ".run/kafka/lib"));
        if (!Files.isDirectory(lib)) {
            throw new IllegalStateException(
                    "Kafka libraries not found in " + lib + ": run the tests with ./nexid test");
        }
        try {
            home = Files.createTempDirectory("nexid-private-kafka-");
            port = freePort();
            int controllerPort = freePort();
            Files.writeString(home.resolve("server.properties"), serverProperties(controllerPort));
            runToCompletion(
                    "kafka.tools.StorageTool",
                    "format",
                    "--standalone",
                    "-t",
                    Uuid.randomUuid().toString(),
                    "-c",
                    home.resolve("server.properties").toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        startBroker();
        try (var admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            admin.createTopics(Stream.of(Topic.values())
                            .map(topic -> new NewTopic(topic.topicName(), partitions, (short) 1))
                            .toList())
                    .all()
                    .get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot create topics on the private broker", e);
        }
        running = this;
        return Map.of("kafka.bootstrap.servers", bootstrapServers());
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** Starts the broker again on its data, after {@link #stopBroker} or {@link #kill}. */
    public void startBroker() {
        process = launch("kafka.Kafka", home.resolve("server.properties").toString());
        var deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (!accepts(port)) {
            if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(
                        "private Kafka broker did not start, see " + home.resolve("broker.log"));
            }
            sleep(100);
        }
    }

    /** A clean shutdown (SIGTERM). */
    public void stopBroker() {
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The broker dies at once (SIGKILL): what it had not written to its log files is lost. */
    public void kill() {
        try {
            process.destroyForcibly().waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Produces a record directly, bypassing the outbox: a redelivery as a consumer would see it. */
    void produce(String topic, String key, String value) throws Exception {
        var config = Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class);
        try (var producer = new KafkaProducer<String, String>(config)) {
            producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
        }
    }

    @Override
    public void stop() {
        running = null;
        if (process != null) {
            stopBroker();
        }
        if (home != null) {
            try (Stream<Path> files = Files.walk(home)) {
                files.sorted(Comparator.reverseOrder())
                        .forEach(path -> path.toFile().delete());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private String serverProperties(int controllerPort) {
        var properties = new Properties();
        properties.put("process.roles", "broker,controller");
        properties.put("node.id", "1");
        properties.put("controller.quorum.bootstrap.servers", "127.0.0.1:" + controllerPort);
        properties.put("controller.listener.names", "CONTROLLER");
        properties.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        properties.put(
                "advertised.listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        properties.put("inter.broker.listener.name", "PLAINTEXT");
        properties.put("listener.security.protocol.map", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT");
        properties.put("log.dirs", home.resolve("data").toString());
        properties.put("offsets.topic.replication.factor", "1");
        properties.put("transaction.state.log.replication.factor", "1");
        properties.put("transaction.state.log.min.isr", "1");
        properties.put("share.coordinator.state.topic.replication.factor", "1");
        properties.put("share.coordinator.state.topic.min.isr", "1");
        properties.put("group.initial.rebalance.delay.ms", "0");
        properties.put("auto.create.topics.enable", "false");
        var text = new StringBuilder();
        properties.forEach(
                (key, value) -> text.append(key).append('=').append(value).append('\n'));
        return text.toString();
    }

    private void runToCompletion(String mainClass, String... args) {
        var tool = launch(mainClass, args);
        try {
            if (!tool.waitFor(120, TimeUnit.SECONDS) || tool.exitValue() != 0) {
                throw new IllegalStateException(mainClass + " failed, see " + home.resolve("broker.log"));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Process launch(String mainClass, String... args) {
        var command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m",
                "-cp",
                lib.toAbsolutePath() + "/*",
                mainClass));
        command.addAll(List.of(args));
        try {
            return new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(
                            home.resolve("broker.log").toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean accepts(int port) {
        try (var socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
