package com.leadloader.load;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.batch.infrastructure.item.support.AbstractItemCountingItemStreamItemReader;

/**
 * The position a commit saves is after the last chunk whose rows are claimed, so that a run killed
 * while a chunk is being claimed reads that chunk again when it restarts.
 */
class ClaimedReaderTest {

    /** A restartable reader of the numbers 1..n that saves how many it has read. */
    private static final class Numbers extends AbstractItemCountingItemStreamItemReader<Integer> {
        private final int n;

        Numbers(int n) {
            this.n = n;
            setName("numbers");
        }

        @Override
        protected Integer doRead() {
            return getCurrentItemCount() <= n ? getCurrentItemCount() : null;
        }

        @Override
        protected void doOpen() {
        }

        @Override
        protected void doClose() {
        }
    }

    private static final class FakeClaims implements ClaimedReader.Claims {
        long handed;
        long claimed;
        /** Whether the claim of the last chunk handed over fails when the step's end waits for it. */
        boolean lastClaimFails;

        @Override
        public long chunksHanded() {
            return handed;
        }

        @Override
        public long chunksClaimed() {
            return claimed;
        }

        @Override
        public void awaitClaims() {
            claimed = lastClaimFails ? handed - 1 : handed; // every claim settles
        }
    }

    private final FakeClaims claims = new FakeClaims();

    @Test
    void aCommitSavesThePositionAfterTheLastClaimedChunk() throws Exception {
        ClaimedReader<Integer> reader = new ClaimedReader<>(new Numbers(10), claims);
        ExecutionContext saved = new ExecutionContext();
        reader.open(saved);

        readChunk(reader, 3);         // rows 1-3, handed to the writer, claim still running
        reader.update(saved);
        assertThat(saved.getInt("numbers.read.count")).isZero();

        readChunk(reader, 3);         // rows 4-6; the first chunk's claim is done now
        claims.claimed = 1;
        reader.update(saved);
        assertThat(saved.getInt("numbers.read.count")).isEqualTo(3);

        claims.claimed = 2;           // a commit with nothing new read still moves to what is claimed
        reader.update(saved);
        assertThat(saved.getInt("numbers.read.count")).isEqualTo(6);
    }

    @Test
    void aRestartReadsAgainEveryRowOfAnUnclaimedChunk() throws Exception {
        ClaimedReader<Integer> first = new ClaimedReader<>(new Numbers(10), claims);
        ExecutionContext saved = new ExecutionContext();
        first.open(saved);
        readChunk(first, 4);
        claims.claimed = 1;
        first.update(saved);
        readChunk(first, 4);          // killed while this chunk is being claimed: its commit saved row 4
        first.update(saved);
        first.close();

        ClaimedReader<Integer> restarted = new ClaimedReader<>(new Numbers(10), new FakeClaims());
        restarted.open(saved);
        assertThat(restarted.read()).isEqualTo(5);
    }

    @Test
    void theStepKeepsItsTruePositionOnceEveryClaimHasSettled() throws Exception {
        ClaimedReader<Integer> reader = new ClaimedReader<>(new Numbers(5), claims);
        ExecutionContext saved = new ExecutionContext();
        reader.open(saved);
        readChunk(reader, 5);
        reader.update(saved);
        assertThat(reader.read()).isNull();
        assertThat(saved.getInt("numbers.read.count")).isZero();


        assertThat(endStep(reader, saved).getInt("numbers.read.count")).isEqualTo(5);
    }

    @Test
    void aFailedClaimKeepsThePositionBeforeIt() throws Exception {
        claims.lastClaimFails = true;
        ClaimedReader<Integer> reader = new ClaimedReader<>(new Numbers(10), claims);
        ExecutionContext saved = new ExecutionContext();
        reader.open(saved);
        readChunk(reader, 2);
        reader.update(saved);
        readChunk(reader, 2);
        reader.update(saved);


        assertThat(endStep(reader, saved).getInt("numbers.read.count")).isEqualTo(2);
    }

    /** Ends the step as Spring Batch does (listeners' afterStep) and returns what it keeps. */
    private static ExecutionContext endStep(ClaimedReader<Integer> reader, ExecutionContext saved) {
        StepExecution step = new StepExecution(1, "load", new JobExecution(1, new JobInstance(1, "job"), new JobParameters()));
        step.setExecutionContext(saved);
        reader.afterStep(step);
        return step.getExecutionContext();
    }

    private void readChunk(ItemStreamReader<Integer> reader, int items) throws Exception {
        for (int i = 0; i < items; i++) {
            assertThat(reader.read()).isNotNull();
        }
        claims.handed++;
    }
}
