"""Fill an admin change form the way a browser would submit it unchanged."""


def change_form_data(response, **changes) -> dict:
    form = response.context["adminform"].form
    data = {}

    def put(bound_form, name):
        value = bound_form[name].value()
        if value is None:
            value = ""
        data[bound_form.add_prefix(name)] = value

    for name in form.fields:
        put(form, name)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        management = formset.management_form
        for name in management.fields:
            data[management.add_prefix(name)] = management[name].value()
        for inline_form in formset.forms:
            for name in inline_form.fields:
                put(inline_form, name)
    data = {key: value for key, value in data.items() if value is not False}
    data.update(changes)
    data["_save"] = "1"
    return data
