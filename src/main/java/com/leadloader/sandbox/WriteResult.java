package com.leadloader.sandbox;

/**
 * What a create or update of several rows did: rows written, rows refused, the id of the last
 * one written (0 if none), the reason the last refused row gave, and the dialler state of the last written.
 */
record WriteResult(int total, int bad, long key, String error, String info) {
}
