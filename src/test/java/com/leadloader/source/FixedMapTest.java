package com.leadloader.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FixedMapTest {

    @Test
    void behavesAsAnUnmodifiableLinkedHashMapOfTheSameEntries() {
        LinkedHashMap<String, String> built = new LinkedHashMap<>();
        built.put("first", "Jon");
        built.put("email", null);
        built.put("last", "Smith");

        FixedMap<String, String> fixed = FixedMap.copyOf(built);

        assertThat(fixed).containsExactly(entry("first", "Jon"), entry("email", null), entry("last", "Smith"));
        assertThat(fixed).isEqualTo(built).hasSameHashCodeAs(built).hasToString(built.toString());
        assertThat(fixed.get("last")).isEqualTo("Smith");
        assertThat(fixed.get("Last")).isNull();
        assertThat(fixed.containsKey("email")).isTrue();
        assertThat(fixed.containsKey("phone")).isFalse();
        assertThat(fixed.keySet()).containsExactly("first", "email", "last");
        assertThat(fixed.values()).containsExactly("Jon", null, "Smith");
        assertThatThrownBy(() -> fixed.put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> fixed.entrySet().iterator().next().setValue("y"))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> fixed.keySet().remove("first")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void aCopyDoesNotFollowChangesToTheMapItWasMadeFrom() {
        LinkedHashMap<String, String> built = new LinkedHashMap<>(Map.of("a", "1"));
        FixedMap<String, String> fixed = FixedMap.copyOf(built);

        built.put("a", "2");
        built.put("b", "3");

        assertThat(fixed).containsExactly(Map.entry("a", "1"));
        assertThat(FixedMap.copyOf(fixed)).isSameAs(fixed);
    }

    @Test
    void mapsWithTheSameKeysInTheSameOrderShareThem() {
        String[] values = {"Jon", "Smith"};
        FixedMap<String, String> byPosition = FixedMap.of(FixedMap.Keys.of(List.of("first", "last")), values);
        FixedMap<String, String> copied = FixedMap.copyOf(new LinkedHashMap<>(Map.of("first", "Ann")));
        LinkedHashMap<String, String> sameKeys = new LinkedHashMap<>();
        sameKeys.put("first", "Ann");
        sameKeys.put("last", "Jones");

        assertThat(FixedMap.copyOf(sameKeys).keys()).isSameAs(byPosition.keys());
        assertThat(copied.keys()).isNotSameAs(byPosition.keys());
        assertThat(byPosition.valueAt(1)).isEqualTo("Smith");
        assertThat(byPosition.keys().indexOf("last")).isEqualTo(1);
        assertThat(byPosition.keys().indexOf("phone")).isEqualTo(-1);
        Object slot = new Object();
        int[] computed = {0};
        byPosition.keys().derive(slot, k -> ++computed[0]);
        assertThat(FixedMap.copyOf(sameKeys).keys().<Integer>derive(slot, k -> ++computed[0])).isEqualTo(1);
    }

    @Test
    void refusesKeysGivenTwiceAndValuesThatDoNotMatchTheKeys() {
        assertThatThrownBy(() -> FixedMap.Keys.of(Arrays.asList("a", "b", "a")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'a' is given twice");
        FixedMap.Keys<String> keys = FixedMap.Keys.of(List.of("a", "b"));
        assertThatThrownBy(() -> FixedMap.of(keys, new String[] {"1"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("1 values for 2 keys");
    }
}
