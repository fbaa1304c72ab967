namespace CivicHall.ServiceDefaults.Requests;

/// <summary>
/// What text a caller may send in any field: no control characters (C0 and C1, DEL) other than tab,
/// line feed and carriage return, and no lone UTF-16 surrogates. PostgreSQL cannot store NUL in text
/// or jsonb, a lone surrogate becomes U+FFFD on the way to UTF-8 (the stored text would differ from the
/// one accepted), and the others only ever arrive to break a log line, a CSV export or a screen.
/// </summary>
public static class PlainText
{
    public const string Rule = "Control characters are not allowed (tab, line feed and carriage return aside).";

    public static bool IsValid(ReadOnlySpan<char> value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c < ' ')
            {
                if (c is not ('\t' or '\n' or '\r'))
                {
                    return false;
                }
            }
            else if (c is >= '\u007F' and <= '\u009F')
            {
                return false;
            }
            else if (char.IsHighSurrogate(c))
            {
                if (i + 1 >= value.Length || !char.IsLowSurrogate(value[i + 1]))
                {
                    return false;
                }

                i++;
            }
            else if (char.IsLowSurrogate(c))
            {
                return false;
            }
        }

        return true;
    }
}
