package io.hrnetspark.cli;

/** A command that runs a network in its own JVM (not on Spark executors): the CUDA build needs a driver here. */
interface RunsNetworkHere {
}
