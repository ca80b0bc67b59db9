/**
 * The job spec: the records a {@code jobs/*.yml} file is bound to, and {@link com.leadloader.spec.JobSpecLoader},
 * which binds them with Spring Boot's own binder and checks them, so that every later stage can trust
 * what it is given. A bad spec ends in a {@link com.leadloader.spec.SpecException} that names the file,
 * the key and the fix, before anything is read or loaded.
 */
package com.leadloader.spec;
