package io.hrnetspark.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.hrnetspark.model.InvalidInputException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;

class ExecutorWaitTest {

    private static final String MASTER_JSON = "{\"url\": \"spark://head:7077\", \"workers\": ["
            + "{\"host\": \"w1\", \"cores\": 1, \"coresfree\": 1, \"memory\": 4096, \"memoryfree\": 4096, \"state\": \"ALIVE\"},"
            + "{\"host\": \"w2\", \"cores\": 2, \"coresfree\": 0, \"memory\": 4096, \"memoryfree\": 1024, \"state\": \"ALIVE\"},"
            + "{\"host\": \"w3\", \"cores\": 8, \"coresfree\": 8, \"memory\": 9000, \"memoryfree\": 9000, \"state\": \"DEAD\"}]}";

    @Test
    void localAndYarnSessionsDoNotWait() {
        AtomicInteger asked = new AtomicInteger();
        ExecutorWait.await(new SparkConf(false).setMaster("local[2]"), () -> asked.incrementAndGet() * 0);
        ExecutorWait.await(new SparkConf(false).setMaster("yarn"), () -> asked.incrementAndGet() * 0);
        assertEquals(0, asked.get());
    }

    @Test
    void aStandaloneSessionWaitsForItsFirstExecutor() {
        AtomicInteger polls = new AtomicInteger();
        ExecutorWait.await(new SparkConf(false).setMaster("spark://head:7077"), () -> polls.incrementAndGet() > 2 ? 1 : 0);
        assertEquals(3, polls.get());
    }

    @Test
    void noExecutorWithinTheWaitIsOneSentenceNamingTheRequestAndTheOffer() throws IOException {
        HttpServer ui = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        ui.createContext("/json/", exchange -> {
            byte[] body = MASTER_JSON.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        ui.start();
        try {
            SparkConf conf = new SparkConf(false).setMaster("spark://head:7077")
                    .set("spark.executor.cores", "4").set("spark.executor.memory", "6g")
                    .set("spark.executor.memoryOverhead", "2g")
                    .set(ExecutorWait.TIMEOUT_SETTING, "1s")
                    .set(ExecutorWait.MASTER_UI_SETTING, "http://127.0.0.1:" + ui.getAddress().getPort());
            String message = assertThrows(InvalidInputException.class, () -> ExecutorWait.await(conf, () -> 0)).getMessage();
            assertEquals("No executor started on spark://head:7077 within 1 s: the job asks for executors of 4 cores"
                    + " and 6g memory plus 2g overhead, but the workers offer: w1 has 1 free core of 1 and 4096 MB free"
                    + " memory of 4096; w2 has 0 free cores of 2 and 1024 MB free memory of 4096; give smaller executors"
                    + " (e.g. --conf spark.executor.cores=1 --conf spark.executor.memory=2g before -- in submit.sh),"
                    + " free or add workers, or set spark.hrnet.executorWaitTimeout to wait longer.", message);
        } finally {
            ui.stop(0);
        }
    }

    @Test
    void withoutTheMastersWebUiTheSentenceSaysWhereToLookAndNamesGpus() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        assertNull(ExecutorWait.workers(URI.create("http://127.0.0.1:" + closed)));
        SparkConf conf = new SparkConf(false).setMaster("spark://head:7077").set("spark.executor.memory", "4g")
                .set("spark.executor.resource.gpu.amount", "1");
        String message = ExecutorWait.noExecutor(conf, Duration.ofSeconds(120), null);
        assertTrue(message.startsWith("No executor started on spark://head:7077 within 120 s: the job asks for executors"
                + " of 1 core and 4g memory plus 409m overhead and 1 GPU, and no worker offers that (the master's web UI"
                + " lists what each offers); "), message);
    }
}
