/**
 * The start of the pipeline: restartable Spring Batch readers that turn CSV files, Excel
 * workbooks and database queries into {@link com.leadloader.source.SourceRow}s, values as the user
 * sees them and positions a report can point at. A row that cannot be read properly becomes a row
 * with a problem, never a crash; only a source that cannot be read at all throws
 * {@link com.leadloader.source.SourceException}. {@link com.leadloader.source.SourceReaders} picks
 * the reader a job spec asks for.
 */
package com.leadloader.source;
