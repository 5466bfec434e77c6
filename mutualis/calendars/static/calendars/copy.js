// "Copier" buttons: copy the link of the field named by data-copy, and say so.
document.addEventListener("click", (event) => {
  const button = event.target.closest("button[data-copy]");
  if (!button) return;
  const field = document.getElementById(button.dataset.copy);
  field.select();
  navigator.clipboard.writeText(field.value).then(() => {
    button.nextElementSibling.textContent = button.dataset.done;
  });
});
