package io.hrnetspark.job;

import io.hrnetspark.model.InvalidInputException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Checks a Spark master URL before a session is built on it: a URL Spark cannot parse, or a standalone
 * master nobody answers at, is one sentence within a bounded wait instead of Spark's stack traces after
 * a minute of retries.
 */
public final class SparkMaster {

    /** How long to try to reach a standalone master; the Spark setting {@value #TIMEOUT_SETTING} changes it. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    public static final String TIMEOUT_SETTING = "spark.hrnet.masterConnectTimeout";
    private static final Pattern LOCAL = Pattern.compile("local(\\[(\\*|\\d+)(,\\s*\\d+)?])?|local-cluster\\[.*]");

    private SparkMaster() {
    }

    /**
     * @throws InvalidInputException naming the URL and what to do
     */
    public static void check(String master, Duration timeout) {
        String url = master.trim();
        if (LOCAL.matcher(url).matches() || url.equals("yarn") || url.startsWith("k8s://")
                || url.startsWith("mesos://")) {
            return;
        }
        if (!url.startsWith("spark://")) {
            throw new InvalidInputException("--master " + master + " is not a Spark master URL; use local[*], local[N],"
                    + " spark://HOST:PORT, yarn or k8s://https://HOST:PORT.");
        }
        List<String> problems = new ArrayList<>();
        for (String hostPort : url.substring("spark://".length()).split(",")) {
            int colon = hostPort.lastIndexOf(':');
            if (colon <= 0) {
                throw new InvalidInputException("--master " + master + " lacks a port; a standalone master is "
                        + "spark://HOST:PORT (7077 by default).");
            }
            String host = hostPort.substring(0, colon);
            int port;
            try {
                port = Integer.parseInt(hostPort.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new InvalidInputException("--master " + master + " has port '" + hostPort.substring(colon + 1)
                        + "', which is not a number; a standalone master is spark://HOST:PORT.", e);
            }
            String problem = unreachable(host, port, timeout);
            if (problem == null) {
                return;
            }
            problems.add(hostPort + " (" + problem + ")");
        }
        throw new InvalidInputException(String.format(Locale.ROOT, "No Spark master answers at %s: %s; check --master"
                + " and that the master is running (waited up to %d s; set %s to wait longer).", master,
                String.join(", ", problems), timeout.toSeconds(), TIMEOUT_SETTING));
    }

    /** Why the address cannot be reached within the timeout, or null when it can. */
    private static String unreachable(String host, int port, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            try (Socket socket = new Socket()) {
                long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
                socket.connect(new InetSocketAddress(host, port), (int) Math.min(left, Integer.MAX_VALUE));
                return null;
            } catch (IOException e) {
                // a connect cut short by the deadline says less than the refusal seen before it
                if (!(e instanceof java.net.SocketTimeoutException) || last.equals("no answer")) {
                    last = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                }
                if (e instanceof java.net.UnknownHostException) {
                    return "unknown host";
                }
                sleep(Math.min(1000, Math.max(0, (deadline - System.nanoTime()) / 1_000_000)));
            }
        }
        return last.toLowerCase(Locale.ROOT);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
