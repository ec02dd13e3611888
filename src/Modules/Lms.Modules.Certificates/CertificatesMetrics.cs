using System.Diagnostics;
using System.Diagnostics.Metrics;
using Lms.Modules.Certificates.Data;

namespace Lms.Modules.Certificates;

/// <summary>
/// <c>lms.certificates.issued</c>: certificates committed (drawn, stored and recorded), not those served again.
/// Tags: <c>kind</c> is <c>course</c> or <c>programme</c>; <c>reissue</c> is <c>true</c> when it replaces an earlier one.
/// </summary>
internal static class CertificatesMetrics
{
    public const string MeterName = "Lms.Certificates";

    private static readonly Meter Meter = new(MeterName);
    private static readonly Counter<long> IssuedCounter = Meter.CreateCounter<long>(
        "lms.certificates.issued", "{certificate}", "Certificates issued, per kind, reissues told apart");

    public static void Issued(IEnumerable<Certificate> certificates)
    {
        foreach (var group in certificates.GroupBy(c => (c.Kind, Reissue: c.ReplacesId is not null)))
        {
            IssuedCounter.Add(group.Count(), new TagList
            {
                { "kind", group.Key.Kind == CertificateKind.Programme ? "programme" : "course" },
                { "reissue", group.Key.Reissue ? "true" : "false" },
            });
        }
    }
}
