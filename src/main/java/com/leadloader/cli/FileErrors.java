package com.leadloader.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * Why a file operation failed, in words. A {@link FileSystemException}'s message is often only the
 * path ({@code /srv/data}), its reason given by its type alone; a user needs the reason.
 */
public final class FileErrors {

    private FileErrors() {
    }

    /** The reason alone: {@code permission denied}, {@code No space left on device}. */
    public static String reason(IOException e) {
        if (e instanceof FileSystemException file && file.getReason() != null) {
            return file.getReason();
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof FileAlreadyExistsException) {
            return "already exists";
        }
        if (e instanceof NotDirectoryException) {
            return "not a directory";
        }
        if (e instanceof DirectoryNotEmptyException) {
            return "directory not empty";
        }
        return e.getMessage();
    }

    /** The file and the reason: {@code /srv/data: permission denied}. */
    public static String describe(IOException e) {
        if (e instanceof FileSystemException file && file.getFile() != null) {
            return file.getFile() + (file.getOtherFile() == null ? "" : " -> " + file.getOtherFile()) + ": " + reason(e);
        }
        return e.getMessage();
    }
}
