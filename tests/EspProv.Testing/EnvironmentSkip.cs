using System.Diagnostics.CodeAnalysis;

namespace EspProv.Testing;

/// <summary>
/// The one place where a test may skip because this machine lacks something (dbus-daemon, util-linux
/// <c>script</c>, …). On a developer's machine that is a visible skip; under <c>CI</c> it is a failure,
/// because CI installs everything the tests need (.ci/run) and a skip there would hide a broken install
/// behind a green run.
/// </summary>
public static class EnvironmentSkip
{
    /// <summary>True when the <c>CI</c> variable says so (GitHub, GitLab and this project's CI set <c>CI=true</c>).</summary>
    public static bool IsCi => IsCiValue(Environment.GetEnvironmentVariable("CI"));

    /// <summary>Any value but empty, <c>0</c>, <c>false</c> or <c>no</c> counts, as most CI tools read it.</summary>
    public static bool IsCiValue(string? value) =>
        !string.IsNullOrWhiteSpace(value)
        && !value.Trim().Equals("0", StringComparison.Ordinal)
        && !value.Trim().Equals("false", StringComparison.OrdinalIgnoreCase)
        && !value.Trim().Equals("no", StringComparison.OrdinalIgnoreCase);

    /// <summary>Skips the test (fails it under CI) because <paramref name="reason"/>.</summary>
    [DoesNotReturn]
    public static void Skip(string reason) => Skip(reason, IsCi);

    /// <summary>Skips (fails under CI) unless <paramref name="condition"/> holds.</summary>
    public static void SkipUnless([DoesNotReturnIf(false)] bool condition, string reason)
    {
        if (!condition)
        {
            Skip(reason);
        }
    }

    /// <summary>With the CI flag passed in, so that the rule can be tested without touching the process environment.</summary>
    [DoesNotReturn]
    public static void Skip(string reason, bool ci)
    {
        if (FailureUnderCi(reason, ci) is { } failure)
        {
            Assert.Fail(failure);
        }

        Assert.Skip(reason);
    }

    /// <summary>The failure message when <paramref name="ci"/> is set, null when a skip is allowed.</summary>
    public static string? FailureUnderCi(string reason, bool ci) =>
        ci ? $"{reason}. CI is set, where a skip would hide this test: .ci/run must install what it needs." : null;
}
