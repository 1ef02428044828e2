using System.Net;
using System.Text;
using YamlDotNet.RepresentationModel;

// A deliberately small HTTP service: answers every request with the greeting from greeting.yaml.
var yaml = new YamlStream();
yaml.Load(new StringReader(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "greeting.yaml"))));
var root = (YamlMappingNode)yaml.Documents[0].RootNode;
var greeting = ((YamlScalarNode)root.Children[new YamlScalarNode("greeting")]).Value ?? "hello";
var prefix = Environment.GetEnvironmentVariable("HELLO_PREFIX") ?? "http://+:8080/";

using var listener = new HttpListener();
listener.Prefixes.Add(prefix);
listener.Start();
Console.WriteLine($"HelloService listening on {prefix}");
while (true)
{
    var context = await listener.GetContextAsync();
    var body = Encoding.UTF8.GetBytes(greeting + "\n");
    context.Response.ContentType = "text/plain; charset=utf-8";
    await context.Response.OutputStream.WriteAsync(body);
    context.Response.Close();
}
