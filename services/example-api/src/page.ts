/** The service's page: the boards, fetched by the browser from the API (the pipeline's browser test). */
export const BOARDS_PAGE = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Plugilo boards</title></head>
<body>
<h1>Boards</h1>
<ul id="boards" aria-label="boards"></ul>
<script>
fetch("/boards").then((r) => r.json()).then(({ boards }) => {
  const list = document.getElementById("boards");
  for (const b of boards) {
    const item = document.createElement("li");
    item.textContent = b.name + " (" + b.plugs.length + " plugs)";
    list.appendChild(item);
  }
  document.body.dataset.loaded = "true";
});
</script>
</body>
</html>
`;
