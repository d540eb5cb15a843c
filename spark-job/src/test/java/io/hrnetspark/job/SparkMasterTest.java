package io.hrnetspark.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hrnetspark.model.InvalidInputException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SparkMasterTest {

    @Test
    void urlsSparkUnderstandsPass() throws IOException {
        for (String url : new String[] {"local", "local[*]", "local[2]", "local[2,3]", "local-cluster[2,1,1024]", "yarn",
            "k8s://https://api:6443"}) {
            SparkMaster.check(url, Duration.ofSeconds(1));
        }
        try (ServerSocket master = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            SparkMaster.check("spark://127.0.0.1:" + master.getLocalPort(), Duration.ofSeconds(5));
        }
    }

    @Test
    void aUrlSparkCannotParseIsOneSentence() {
        assertEquals("--master garbage://x is not a Spark master URL; use local[*], local[N], spark://HOST:PORT, yarn"
                + " or k8s://https://HOST:PORT.", assertThrows(InvalidInputException.class,
                () -> SparkMaster.check("garbage://x", Duration.ofSeconds(1))).getMessage());
        assertEquals("--master spark://head lacks a port; a standalone master is spark://HOST:PORT (7077 by default).",
                assertThrows(InvalidInputException.class,
                        () -> SparkMaster.check("spark://head", Duration.ofSeconds(1))).getMessage());
    }

    @Test
    void aMasterNobodyAnswersAtIsOneSentenceWithinTheWait() throws IOException {
        int port;
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = closed.getLocalPort();
        }
        long start = System.nanoTime();
        String message = assertThrows(InvalidInputException.class,
                () -> SparkMaster.check("spark://127.0.0.1:" + port, Duration.ofSeconds(2))).getMessage();
        double seconds = (System.nanoTime() - start) / 1e9;
        assertTrue(message.startsWith("No Spark master answers at spark://127.0.0.1:" + port + ": 127.0.0.1:" + port
                + " (connection refused"), message);
        assertTrue(message.endsWith("check --master and that the master is running (waited up to 2 s; set "
                + "spark.hrnet.masterConnectTimeout to wait longer)."), message);
        assertTrue(seconds < 30, "bounded by the wait, not Spark's minute of retries: " + seconds);
        assertTrue(message.lines().count() == 1);
    }
}
