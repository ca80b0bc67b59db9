package com.leadloader.cli;

import com.leadloader.batch.DryRun;
import com.leadloader.lead.Lead;
import com.leadloader.lead.LeadStatus;
import com.leadloader.ledger.LedgerRepository;
import com.leadloader.spec.JobSpec;
import com.leadloader.spec.JobSpecLoader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code leadloader validate}: a dry run that checks everything and sends nothing. */
@Command(name = "validate", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Checks a job spec and processes its source without sending anything.",
                "Checks the spec, the credentials, the dataset's state and the field mapping, then reads the"
                        + " whole source and prints what each lead would become."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the load would run", "2:configuration error (spec, credentials, target, stale list)",
                "3:more bad leads than validation.max-bad-percent"})
public class ValidateCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec command;

    @Parameters(index = "0", paramLabel = "SPEC", description = "the job spec, e.g. jobs/demo.yml")
    Path specFile;

    @Option(names = "--param", paramLabel = "KEY=VALUE", parameterConsumer = ParamConsumer.class,
            description = "a value for a $${KEY} placeholder; repeatable")
    Map<String, String> params = new LinkedHashMap<>();

    @Override
    public Integer call() {
        PrintWriter out = command.commandLine().getOut();
        JobSpec spec = JobSpecLoader.load(specFile, params);
        try (var context = SpringContext.start();
             var target = ContactNowTarget.open(spec, context.getEnvironment(), out)) {
            DryRun.Result result = new DryRun(context.getBean(LedgerRepository.class), context.getBean(Clock.class))
                    .run(spec, params, target.client());
            out.printf("%s: spec, credentials, campaign table '%s' and mapping OK; dataset %s%n", spec.name(),
                    spec.target().table(), result.dataset() == null ? "new (created by the run)" : result.dataset());
            result.warnings().forEach(w -> out.println("  warning: " + w));
            out.printf("  rows        %,d%n", result.rows());
            out.printf("  would load  %,d%n", result.counts().get(LeadStatus.VALID));
            out.printf("  bad         %,d%n", result.counts().get(LeadStatus.BAD));
            out.printf("  duplicates  %,d%n", result.counts().get(LeadStatus.DUPLICATE));
            out.printf("  suppressed  %,d%n", result.counts().get(LeadStatus.SUPPRESSED));
            if (!result.firstRejected().isEmpty()) {
                out.println("First leads that would not be loaded:");
                for (Lead lead : result.firstRejected()) {
                    out.printf("  %-10s %-16s %s%n", lead.status().name().toLowerCase(), lead.reasonCode(),
                            lead.message());
                }
            }
            if (result.tooManyBad()) {
                command.commandLine().getErr().printf("more than %s%% of the leads are bad (validation.max-bad-percent)%n",
                        spec.validation().maxBadPercent());
                return ExitCodes.TOO_MANY_BAD;
            }
            return ExitCodes.OK;
        }
    }
}
