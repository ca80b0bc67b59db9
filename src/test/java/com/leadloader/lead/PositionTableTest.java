package com.leadloader.lead;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PositionTableTest {

    @Test
    void keepsTheFirstValueOfEveryKeyAcrossGrowth() {
        PositionTable table = new PositionTable(16);
        SplittableRandom random = new SplittableRandom(7);
        long[] keys = new long[100_000];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = random.nextLong();
            assertThat(table.putIfAbsent(keys[i], i)).isEqualTo(i);
        }

        for (int i = 0; i < keys.length; i++) {
            assertThat(table.putIfAbsent(keys[i], -1)).isEqualTo(i);
            assertThat(table.get(keys[i], -1)).isEqualTo(i);
        }
        assertThat(table.size()).isEqualTo(keys.length);
        assertThat(table.get(42, -1)).isEqualTo(-1);
    }

    @Test
    void aKeyOfZeroIsAKeyLikeAnyOther() {
        PositionTable table = new PositionTable(16);

        assertThat(table.get(0, -1)).isEqualTo(-1);
        assertThat(table.putIfAbsent(0, 5)).isEqualTo(5);
        assertThat(table.putIfAbsent(0, 6)).isEqualTo(5);
        assertThat(table.get(0, -1)).isEqualTo(5);
    }

    @Test
    void touchingKeysChangesNothing() {
        PositionTable table = new PositionTable(16);
        table.putIfAbsent(1, 10);
        table.putIfAbsent(2, 20);

        table.touch(new long[] {1, 2, 3, 0, 99}, 5);

        assertThat(table.size()).isEqualTo(2);
        assertThat(table.get(1, -1)).isEqualTo(10);
        assertThat(table.get(2, -1)).isEqualTo(20);
        assertThat(table.get(3, -1)).isEqualTo(-1);
        assertThat(table.putIfAbsent(3, 30)).isEqualTo(30);
    }
}
