Console.WriteLine(Hello.Greeter.Greet(args.Length > 0 ? args[0] : "world"));
