package com.leadloader.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GcLogTest {

    @TempDir
    Path dir;

    @Test
    void peakIsTheMostHeapHeldBeforeAnyCollectionOrAtExit() throws Exception {
        Path log = Files.writeString(dir.resolve("gc.log"), """
                [0.019s][info][gc] Using G1
                [0.196s][info][gc] GC(0) Pause Young (Normal) (G1 Evacuation Pause) 115M->40M(256M) 1.341ms
                [0.197s][info][gc] GC(1) Concurrent Mark Cycle
                [0.219s][info][gc] GC(1) Pause Remark 137M->90M(256M) 0.510ms
                [0.290s][info][gc] GC(8) Pause Young (Normal) (G1 Evacuation Pause) 131072K->65536K(262144K) 0.627ms
                [0.296s][info][gc,heap,exit] Heap
                [0.296s][info][gc,heap,exit]  garbage-first heap   total 262144K, used 102400K [0x00000000f0000000, 0x0000000100000000)
                [0.296s][info][gc,heap,exit]  Metaspace       used 83K, committed 320K, reserved 1114112K
                """);

        GcLog.Heap heap = GcLog.read(log);

        assertThat(heap.peakBytes()).isEqualTo(137L << 20);
        assertThat(heap.maxLiveBytes()).isEqualTo(90L << 20);
        assertThat(heap.collections()).isEqualTo(3);
    }

    @Test
    void aRunWithoutCollectionsReportsTheHeapInUseAtExit() throws Exception {
        Path log = Files.writeString(dir.resolve("gc.log"), """
                [0.019s][info][gc] Using G1
                [0.296s][info][gc,heap,exit]  garbage-first heap   total 262144K, used 20480K [0x00000000f0000000, 0x0000000100000000)
                """);

        assertThat(GcLog.read(log).peakBytes()).isEqualTo(20L << 20);
        assertThat(GcLog.read(log).maxLiveBytes()).isEqualTo(-1);
    }
}
