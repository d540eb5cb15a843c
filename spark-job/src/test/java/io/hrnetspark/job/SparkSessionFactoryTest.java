package io.hrnetspark.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;

class SparkSessionFactoryTest {

    @Test
    void anEmbeddedLocalSessionHasNoWebUiAndOneShufflePartitionPerCore() {
        SparkConf conf = SparkSessionFactory.leanLocal(new SparkConf(false).setMaster("local[3]"));
        assertEquals("false", conf.get("spark.ui.enabled"));
        assertEquals("3", conf.get("spark.sql.shuffle.partitions"));
        assertEquals(String.valueOf(Runtime.getRuntime().availableProcessors()),
                SparkSessionFactory.leanLocal(new SparkConf(false).setMaster("local[*]")).get("spark.sql.shuffle.partitions"));
        assertEquals("1", SparkSessionFactory.leanLocal(new SparkConf(false).setMaster("local")).get("spark.sql.shuffle.partitions"));
        assertEquals("2", SparkSessionFactory.leanLocal(new SparkConf(false).setMaster("local[2,4]")).get("spark.sql.shuffle.partitions"));
    }

    @Test
    void whatTheUserSetIsKept() {
        SparkConf conf = SparkSessionFactory.leanLocal(new SparkConf(false).setMaster("local[2]")
                .set("spark.ui.enabled", "true").set("spark.sql.shuffle.partitions", "64"));
        assertEquals("true", conf.get("spark.ui.enabled"));
        assertEquals("64", conf.get("spark.sql.shuffle.partitions"));
    }

    @Test
    void clusterSessionsKeepSparksDefaults() {
        for (String master : new String[] {"spark://head:7077", "yarn", "k8s://https://api:6443", "local-cluster[2,1,1024]"}) {
            SparkConf conf = SparkSessionFactory.leanLocal(new SparkConf(false).setMaster(master));
            assertFalse(conf.contains("spark.ui.enabled"), master);
            assertFalse(conf.contains("spark.sql.shuffle.partitions"), master);
        }
    }
}
