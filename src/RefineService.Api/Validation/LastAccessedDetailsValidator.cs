using FluentValidation;
using RefineService.Api.Contracts;
using RefineService.Core.Policies;

namespace RefineService.Api.Validation;

/// <summary>The rules of IAM's last accessed report: AWS's shape, so members it does not define are tolerated, but it must be a completed job whose services can be read.</summary>
internal sealed class LastAccessedDetailsValidator : AbstractValidator<LastAccessedDetails>
{
    public LastAccessedDetailsValidator()
    {
        RuleFor(report => report.JobStatus)
            .Equal(LastAccessedJob.Completed)
            .WithMessage((_, status) => status is null
                ? "The report holds no 'JobStatus'; give the whole answer of 'aws iam get-service-last-accessed-details'."
                : $"The report's job is {status}, not COMPLETED: it tells nothing yet. Wait for the job ('aws iam get-service-last-accessed-details --job-id ...' until COMPLETED), then send its answer.");
        RuleFor(report => report.JobType)
            .Must(type => type is null or LastAccessedJob.ActionLevel or LastAccessedJob.ServiceLevel)
            .WithMessage((_, type) => $"'{type}' is not a job type of the report; IAM writes \"ACTION_LEVEL\" or \"SERVICE_LEVEL\".");
        RuleFor(report => report.JobCreationDate).Readable();
        RuleFor(report => report.JobCompletionDate).Readable();
        RuleFor(report => report.ServicesLastAccessed)
            .NotNull()
            .WithMessage("The report holds its 'ServicesLastAccessed', as IAM answers it.");
        RuleForEach(report => report.ServicesLastAccessed)
            .NotNull()
            .WithMessage("Each item of 'ServicesLastAccessed' is an object, as IAM writes them.")
            .ChildRules(service =>
            {
                service.RuleFor(s => s!.ServiceNamespace)
                    .Must(prefix => prefix is not null && IamSyntax.IsServiceNamespace(prefix))
                    .WithMessage("'ServiceNamespace' must be a service prefix such as \"s3\": lower-case letters, digits and hyphens.");
                service.RuleFor(s => s!.LastAuthenticated).Readable();
                service.RuleForEach(s => s!.TrackedActionsLastAccessed)
                    .NotNull()
                    .WithMessage("Each tracked action is an object, as IAM writes them.")
                    .ChildRules(action =>
                    {
                        action.RuleFor(a => a!.ActionName)
                            .Must(name => name is not null && name.Length <= PolicyLimits.MaxPatternLength
                                && (IamSyntax.IsActionName(name) || (name.Contains(':', StringComparison.Ordinal) && IamSyntax.IsActionPattern(name))))
                            .WithMessage("'ActionName' must be an action's name such as \"GetObject\".");
                        action.RuleFor(a => a!.LastAccessedTime).Readable();
                    });
            });
    }
}
