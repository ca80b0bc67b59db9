package com.leadloader.batch;

import com.leadloader.source.SourceRow;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * Passes on only the rows of one partition. The delegate keeps its own restart position, so a
 * restarted partition goes on from its last committed chunk like any other run.
 */
final class PartitionedReader implements ItemStreamReader<SourceRow> {

    private final ItemStreamReader<SourceRow> delegate;
    private final Partition partition;
    private final String sortKeyColumn;

    PartitionedReader(ItemStreamReader<SourceRow> delegate, Partition partition, String sortKeyColumn) {
        this.delegate = delegate;
        this.partition = partition;
        this.sortKeyColumn = sortKeyColumn;
    }

    static ItemStreamReader<SourceRow> of(ItemStreamReader<SourceRow> reader, Partition partition, String sortKey) {
        return partition.whole() ? reader : new PartitionedReader(reader, partition, sortKey);
    }

    @Override
    public SourceRow read() throws Exception {
        for (SourceRow row = delegate.read(); row != null; row = delegate.read()) {
            if (partition.takes(row, keyColumn(row))) {
                return row;
            }
        }
        return null;
    }

    /** The sort key's column as the row names it (databases differ in the case of labels). */
    private String keyColumn(SourceRow row) {
        if (sortKeyColumn == null || row.values().containsKey(sortKeyColumn)) {
            return sortKeyColumn;
        }
        return row.values().keySet().stream().filter(sortKeyColumn::equalsIgnoreCase).findFirst().orElse(null);
    }

    @Override
    public void open(ExecutionContext executionContext) throws ItemStreamException {
        delegate.open(executionContext);
    }

    @Override
    public void update(ExecutionContext executionContext) throws ItemStreamException {
        delegate.update(executionContext);
    }

    @Override
    public void close() throws ItemStreamException {
        delegate.close();
    }
}
