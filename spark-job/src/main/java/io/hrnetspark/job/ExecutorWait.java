package io.hrnetspark.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hrnetspark.model.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.function.IntSupplier;
import org.apache.spark.SparkConf;
import org.apache.spark.network.util.JavaUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * On a standalone cluster, waits a bounded time for the first executor: when no worker can host an
 * executor of the requested size (cores, memory, GPUs), Spark would only log "Initial job has not
 * accepted any resources" every 15 s, forever. The failure names what was asked for and, when the
 * master's web UI answers, what the workers offer.
 */
public final class ExecutorWait {

    private static final Logger LOG = LoggerFactory.getLogger(ExecutorWait.class);
    public static final String TIMEOUT_SETTING = "spark.hrnet.executorWaitTimeout";
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(120);
    /** The standalone master's web UI, whose {@code /json/} lists the workers; default http://MASTER-HOST:8080. */
    public static final String MASTER_UI_SETTING = "spark.hrnet.masterWebUi";

    private ExecutorWait() {
    }

    /**
     * Returns once an executor is registered; throws {@link InvalidInputException} after the timeout.
     *
     * @param executors the number of executors registered now (the driver not counted)
     */
    public static void await(SparkConf conf, IntSupplier executors) {
        String master = conf.get("spark.master", "");
        if (!master.startsWith("spark://")) {
            return;
        }
        Duration timeout = Duration.ofMillis(conf.getTimeAsMs(TIMEOUT_SETTING, DEFAULT_TIMEOUT.toMillis() + "ms"));
        long deadline = System.nanoTime() + timeout.toNanos();
        while (executors.getAsInt() == 0) {
            if (System.nanoTime() > deadline) {
                throw new InvalidInputException(noExecutor(conf, timeout, workers(masterUi(conf))));
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** The failure's sentence; {@code workers} is what the master reports of its workers, or null. */
    static String noExecutor(SparkConf conf, Duration timeout, String workers) {
        String master = conf.get("spark.master");
        String gpus = conf.get("spark.executor.resource.gpu.amount", "0");
        String asked = String.format(Locale.ROOT, "executors of %s core%s and %s memory plus %s overhead%s",
                conf.get("spark.executor.cores", "1"), conf.get("spark.executor.cores", "1").equals("1") ? "" : "s",
                conf.get("spark.executor.memory", "1g"), overhead(conf),
                gpus.equals("0") ? "" : " and " + gpus + " GPU" + (gpus.equals("1") ? "" : "s"));
        return String.format(Locale.ROOT, "No executor started on %s within %d s: the job asks for %s, %s; give smaller"
                        + " executors (e.g. --conf spark.executor.cores=1 --conf spark.executor.memory=2g before -- in"
                        + " submit.sh), free or add workers, or set %s to wait longer.", master, timeout.toSeconds(),
                asked, workers == null ? "and no worker offers that (the master's web UI lists what each offers)"
                        : "but " + workers, TIMEOUT_SETTING);
    }

    private static String overhead(SparkConf conf) {
        if (conf.contains("spark.executor.memoryOverhead")) {
            return conf.get("spark.executor.memoryOverhead");
        }
        long memoryMb = JavaUtils.byteStringAsMb(conf.get("spark.executor.memory", "1g"));
        return Math.max(384, memoryMb / 10) + "m";
    }

    private static URI masterUi(SparkConf conf) {
        String host = URI.create(conf.get("spark.master").split(",")[0].replace("spark://", "http://")).getHost();
        return URI.create(conf.get(MASTER_UI_SETTING, "http://" + host + ":8080"));
    }

    /** What the alive workers offer, from the master's {@code /json/} page; null when it cannot be read. */
    static String workers(URI masterUi) {
        try {
            HttpURLConnection connection = (HttpURLConnection) masterUi.resolve("/json/").toURL().openConnection();
            connection.setConnectTimeout(2000);
            connection.setReadTimeout(2000);
            JsonNode root;
            try (InputStream in = connection.getInputStream()) {
                root = new ObjectMapper().readTree(in);
            }
            StringBuilder offers = new StringBuilder();
            int alive = 0;
            for (JsonNode worker : root.path("workers")) {
                if (!"ALIVE".equals(worker.path("state").asText())) {
                    continue;
                }
                alive++;
                offers.append(offers.length() == 0 ? "" : "; ").append(String.format(Locale.ROOT,
                        "%s has %d free core%s of %d and %d MB free memory of %d", worker.path("host").asText(),
                        worker.path("coresfree").asInt(), worker.path("coresfree").asInt() == 1 ? "" : "s",
                        worker.path("cores").asInt(), worker.path("memoryfree").asLong(), worker.path("memory").asLong()));
            }
            return alive == 0 ? "the master has no live worker" : "the workers offer: " + offers;
        } catch (IOException | RuntimeException e) {
            LOG.debug("The master's web UI at {} did not answer", masterUi, e);
            return null;
        }
    }
}
